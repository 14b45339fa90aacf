// cpp_peer_server: a small grpc.testing.TestService server on Debian's gRPC C++ (libgrpc++),
// used by the interop tests as an independent peer (gRPC C-core HTTP/2 stack).
//
// Contract: /usr/share/grpc-proto/grpc/testing/test.proto (Debian package grpc-proto).
// Only UnaryCall and EmptyCall are implemented, with interop-test semantics:
//   - UnaryCall answers with a payload of `response_size` zero bytes (type COMPRESSABLE);
//   - a non-OK `response_status` in the request becomes the call's status;
//   - request metadata "x-grpc-test-echo-initial" is echoed back as initial metadata and
//     "x-grpc-test-echo-trailing-bin" as trailing metadata (both methods).
// Every other TestService method answers UNIMPLEMENTED (the generated base class does that).
//
// Usage: cpp_peer_server --port=N [--max_seconds=S]
//   Listens on 127.0.0.1:N only, with SO_REUSEPORT off so that a port clash is an error rather
//   than two servers silently sharing the port. --port=0 picks a free port. Prints
//   "cpp_peer_server listening on 127.0.0.1:PORT" to stdout once it accepts calls, and shuts
//   itself down after S seconds (default 3600) so a forgotten server cannot linger.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "grpc/testing/test.grpc.pb.h"

namespace {

constexpr char kEchoInitial[] = "x-grpc-test-echo-initial";
constexpr char kEchoTrailing[] = "x-grpc-test-echo-trailing-bin";

// Copies the two interop echo headers from the request onto the response.
void EchoTestMetadata(grpc::CallbackServerContext* ctx) {
  const auto& in = ctx->client_metadata();
  auto initial = in.find(kEchoInitial);
  if (initial != in.end()) {
    ctx->AddInitialMetadata(kEchoInitial, std::string(initial->second.begin(), initial->second.end()));
  }
  auto trailing = in.find(kEchoTrailing);
  if (trailing != in.end()) {
    ctx->AddTrailingMetadata(kEchoTrailing, std::string(trailing->second.begin(), trailing->second.end()));
  }
}

class TestServiceImpl final : public grpc::testing::TestService::CallbackService {
 public:
  grpc::ServerUnaryReactor* EmptyCall(grpc::CallbackServerContext* ctx, const grpc::testing::Empty*,
                                      grpc::testing::Empty*) override {
    EchoTestMetadata(ctx);
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerUnaryReactor* UnaryCall(grpc::CallbackServerContext* ctx, const grpc::testing::SimpleRequest* request,
                                      grpc::testing::SimpleResponse* response) override {
    EchoTestMetadata(ctx);
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    reactor->Finish(Answer(*request, response));
    return reactor;
  }

 private:
  static grpc::Status Answer(const grpc::testing::SimpleRequest& request, grpc::testing::SimpleResponse* response) {
    if (request.response_size() < 0) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "response_size must not be negative");
    }
    if (request.has_response_status() && request.response_status().code() != grpc::StatusCode::OK) {
      return grpc::Status(static_cast<grpc::StatusCode>(request.response_status().code()),
                          request.response_status().message());
    }
    if (request.response_size() > 0) {
      grpc::testing::Payload* payload = response->mutable_payload();
      payload->set_type(grpc::testing::COMPRESSABLE);
      payload->set_body(std::string(static_cast<size_t>(request.response_size()), '\0'));
    }
    return grpc::Status::OK;
  }
};

// Parses "--name=VALUE" (also "-name=VALUE" and "--name VALUE") as a non-negative integer.
bool ReadIntFlag(int argc, char** argv, int* i, const char* name, long* out) {
  const char* arg = argv[*i];
  while (*arg == '-') ++arg;
  const size_t len = std::strlen(name);
  if (std::strncmp(arg, name, len) != 0) return false;
  const char* value = nullptr;
  if (arg[len] == '=') {
    value = arg + len + 1;
  } else if (arg[len] == '\0' && *i + 1 < argc) {
    value = argv[++*i];
  } else {
    return false;
  }
  char* end = nullptr;
  const long parsed = std::strtol(value, &end, 10);
  if (*value == '\0' || *end != '\0' || parsed < 0) {
    std::fprintf(stderr, "cpp_peer_server: bad value for --%s: '%s'\n", name, value);
    std::exit(2);
  }
  *out = parsed;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  long port = -1;
  long max_seconds = 3600;
  for (int i = 1; i < argc; ++i) {
    if (ReadIntFlag(argc, argv, &i, "port", &port) || ReadIntFlag(argc, argv, &i, "max_seconds", &max_seconds)) {
      continue;
    }
    std::fprintf(stderr, "usage: %s --port=N [--max_seconds=S]   (listens on 127.0.0.1:N)\n", argv[0]);
    return 2;
  }
  if (port < 0 || port > 65535 || max_seconds < 1) {
    std::fprintf(stderr, "cpp_peer_server: need --port=0..65535 and --max_seconds >= 1\n");
    return 2;
  }

  const std::string address = "127.0.0.1:" + std::to_string(port);
  TestServiceImpl service;
  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &bound_port);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || bound_port == 0) {
    std::fprintf(stderr, "cpp_peer_server: cannot listen on %s\n", address.c_str());
    return 1;
  }
  std::printf("cpp_peer_server listening on 127.0.0.1:%d (gRPC C++ %s)\n", bound_port, grpc::Version().c_str());
  std::fflush(stdout);

  // Self-destruct timer: Shutdown() makes Wait() below return; calls still running get 1 s.
  // Nothing else calls Shutdown(), so the join below cannot block.
  std::thread timer([&server, max_seconds] {
    std::this_thread::sleep_for(std::chrono::seconds(max_seconds));
    std::fprintf(stderr, "cpp_peer_server: --max_seconds=%ld reached, shutting down\n", max_seconds);
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  });

  server->Wait();
  timer.join();
  return 0;
}
