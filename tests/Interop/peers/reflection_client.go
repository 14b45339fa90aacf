// reflection_client: an independent gRPC server reflection client, built on grpc-go's own
// grpc.reflection.v1alpha stubs (Debian's golang-google-grpc-dev). build-peers.sh builds it.
//
// It opens ONE ServerReflectionInfo stream, asks list_services, then file_containing_symbol for each
// service and prints every method; with --symbol it also resolves that symbol. Output (stdout):
//
//	SERVICE <service>
//	METHOD <service>/<method> <input type> <output type> <client_streaming> <server_streaming>
//	SYMBOL <symbol> FILE <file name> DEPS <number of further files returned>
//	ERROR <code> <message>   (the server answered with an error_response)
//
// Exit 0 on success; an error_response for --symbol is an answer, not a failure. Exit 1 on any RPC
// or protocol failure (message on stderr), or if a listed service cannot be resolved.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/golang/protobuf/proto"
	descpb "github.com/golang/protobuf/protoc-gen-go/descriptor"
	"google.golang.org/grpc"
	rpb "google.golang.org/grpc/reflection/grpc_reflection_v1alpha"
)

var (
	host    = flag.String("server_host", "127.0.0.1", "server host")
	port    = flag.Int("server_port", 0, "server port")
	timeout = flag.Duration("timeout", 10*time.Second, "deadline for the dial and the whole stream")
	symbol  = flag.String("symbol", "", "optional symbol to resolve with file_containing_symbol")
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "reflection_client: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	flag.Parse()
	if *port <= 0 {
		fail("--server_port is required")
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	target := net.JoinHostPort(*host, strconv.Itoa(*port))
	conn, err := grpc.DialContext(ctx, target, grpc.WithInsecure(), grpc.WithBlock(), grpc.WithReturnConnectionError())
	if err != nil {
		fail("dial %s: %v", target, err)
	}
	defer conn.Close()
	stream, err := rpb.NewServerReflectionClient(conn).ServerReflectionInfo(ctx)
	if err != nil {
		fail("ServerReflectionInfo: %v", err)
	}
	ask := func(req *rpb.ServerReflectionRequest) *rpb.ServerReflectionResponse {
		if err := stream.Send(req); err != nil {
			fail("send %v: %v", req, err)
		}
		resp, err := stream.Recv()
		if err != nil {
			fail("receive the answer to %v: %v", req, err)
		}
		if e := resp.GetErrorResponse(); e != nil {
			fmt.Printf("ERROR %d %s\n", e.ErrorCode, e.ErrorMessage)
		}
		return resp
	}
	files := func(resp *rpb.ServerReflectionResponse) []*descpb.FileDescriptorProto {
		fdr := resp.GetFileDescriptorResponse()
		if fdr == nil || len(fdr.FileDescriptorProto) == 0 {
			fail("expected file_descriptor_response, got %v", resp)
		}
		var out []*descpb.FileDescriptorProto
		for _, raw := range fdr.FileDescriptorProto {
			fd := new(descpb.FileDescriptorProto)
			if err := proto.Unmarshal(raw, fd); err != nil {
				fail("decode FileDescriptorProto: %v", err)
			}
			out = append(out, fd)
		}
		return out
	}

	list := ask(&rpb.ServerReflectionRequest{MessageRequest: &rpb.ServerReflectionRequest_ListServices{ListServices: "*"}}).GetListServicesResponse()
	if list == nil {
		fail("list_services: no list_services_response")
	}
	for _, svc := range list.Service {
		name := svc.Name
		resp := ask(&rpb.ServerReflectionRequest{MessageRequest: &rpb.ServerReflectionRequest_FileContainingSymbol{FileContainingSymbol: name}})
		if resp.GetErrorResponse() != nil {
			fail("cannot resolve listed service %s", name)
		}
		found := false
		for _, fd := range files(resp) {
			for _, sd := range fd.Service {
				full := sd.GetName()
				if fd.GetPackage() != "" {
					full = fd.GetPackage() + "." + full
				}
				if full != name || found {
					continue
				}
				found = true
				fmt.Printf("SERVICE %s\n", name)
				for _, m := range sd.Method {
					fmt.Printf("METHOD %s/%s %s %s %t %t\n", name, m.GetName(), m.GetInputType(), m.GetOutputType(), m.GetClientStreaming(), m.GetServerStreaming())
				}
			}
		}
		if !found {
			fail("no returned file defines service %s", name)
		}
	}
	if *symbol != "" {
		resp := ask(&rpb.ServerReflectionRequest{MessageRequest: &rpb.ServerReflectionRequest_FileContainingSymbol{FileContainingSymbol: *symbol}})
		if resp.GetErrorResponse() == nil {
			fds := files(resp)
			fmt.Printf("SYMBOL %s FILE %s DEPS %d\n", *symbol, fds[0].GetName(), len(fds)-1)
		}
	}
	// A clean end of the stream: half-close, then the server must finish with status OK.
	if err := stream.CloseSend(); err != nil {
		fail("close send: %v", err)
	}
	if resp, err := stream.Recv(); err != io.EOF {
		fail("expected the stream to end with OK, got %v / %v", resp, err)
	}
}
