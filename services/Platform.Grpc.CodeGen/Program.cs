using Google.Protobuf;
using Google.Protobuf.Compiler;
using Platform.Grpc.CodeGen;

// protoc writes a CodeGeneratorRequest to stdin and reads a CodeGeneratorResponse from stdout.
var request = CodeGeneratorRequest.Parser.ParseFrom(Console.OpenStandardInput());
var response = StubGenerator.Generate(request);
using var stdout = Console.OpenStandardOutput();
response.WriteTo(stdout);
return 0;
