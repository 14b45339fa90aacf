using Google.Protobuf.Compiler;
using Google.Protobuf.Reflection;
using Platform.Grpc.CodeGen;

namespace Platform.Grpc.Tests.Unit;

public sealed class StubGeneratorTests
{
    [Theory]
    [InlineData("platform.documents.v1", "Platform.Documents.V1")]
    [InlineData("grpc.testing", "Grpc.Testing")]
    [InlineData("my_pkg.sub_part", "MyPkg.SubPart")]
    public void Namespace_FromPackage_FollowsProtocCSharpRules(string package, string expected) =>
        Assert.Equal(expected, CSharpNames.Namespace(new FileDescriptorProto { Package = package }));

    [Fact]
    public void Namespace_CsharpNamespaceOption_Wins() =>
        Assert.Equal("Custom.Ns", CSharpNames.Namespace(new FileDescriptorProto { Package = "a.b", Options = new Google.Protobuf.Reflection.FileOptions { CsharpNamespace = "Custom.Ns" } }));

    [Theory]
    [InlineData("platform/documents/v1/document_service.proto", "DocumentServiceReflection")]
    [InlineData("grpc/health/v1/health.proto", "HealthReflection")]
    public void ReflectionClass_FromFileName_FollowsProtocCSharpRules(string file, string expected) =>
        Assert.Equal(expected, CSharpNames.ReflectionClass(new FileDescriptorProto { Name = file }));

    [Fact]
    public void Generate_ServiceWithAllShapes_EmitsBaseBindingAndClient()
    {
        var response = StubGenerator.Generate(Request(SampleFile()));

        Assert.True(string.IsNullOrEmpty(response.Error), response.Error);
        var file = Assert.Single(response.File);
        Assert.Equal("demo/v1/DemoGrpc.cs", file.Name);
        var code = file.Content;
        Assert.Contains("public abstract partial class DemoServiceBase", code, StringComparison.Ordinal);
        Assert.Contains("binder.AddUnary(GetMethod,", code, StringComparison.Ordinal);
        Assert.Contains("binder.AddServerStreaming(WatchMethod,", code, StringComparison.Ordinal);
        Assert.Contains("binder.AddClientStreaming(UploadMethod,", code, StringComparison.Ordinal);
        Assert.Contains("binder.AddDuplexStreaming(ChatMethod,", code, StringComparison.Ordinal);
        Assert.Contains("global::Demo.V1.Outer.Types.Inner", code, StringComparison.Ordinal);
        Assert.Contains("isIdempotent: true", code, StringComparison.Ordinal);
        Assert.Contains("public global::Platform.Grpc.Client.AsyncUnaryCall<global::Demo.V1.Outer.Types.Inner> GetAsync(", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_UnknownMessageType_ReportsAnErrorToProtoc()
    {
        var file = SampleFile();
        file.Service[0].Method[0].InputType = ".demo.v1.Missing";
        var response = StubGenerator.Generate(Request(file));
        Assert.Contains(".demo.v1.Missing", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_FileWithoutServices_EmitsNothing()
    {
        var file = SampleFile();
        file.Service.Clear();
        Assert.Empty(StubGenerator.Generate(Request(file)).File);
    }

    private static CodeGeneratorRequest Request(FileDescriptorProto file)
    {
        var request = new CodeGeneratorRequest();
        request.ProtoFile.Add(file);
        request.FileToGenerate.Add(file.Name);
        return request;
    }

    private static FileDescriptorProto SampleFile()
    {
        var outer = new DescriptorProto { Name = "Outer" };
        outer.NestedType.Add(new DescriptorProto { Name = "Inner" });
        var file = new FileDescriptorProto { Name = "demo/v1/demo.proto", Package = "demo.v1" };
        file.MessageType.Add(outer);
        var service = new ServiceDescriptorProto { Name = "DemoService" };
        service.Method.Add(new MethodDescriptorProto
        {
            Name = "Get", InputType = ".demo.v1.Outer", OutputType = ".demo.v1.Outer.Inner",
            Options = new MethodOptions { IdempotencyLevel = MethodOptions.Types.IdempotencyLevel.NoSideEffects },
        });
        service.Method.Add(new MethodDescriptorProto { Name = "Watch", InputType = ".demo.v1.Outer", OutputType = ".demo.v1.Outer", ServerStreaming = true });
        service.Method.Add(new MethodDescriptorProto { Name = "Upload", InputType = ".demo.v1.Outer", OutputType = ".demo.v1.Outer", ClientStreaming = true });
        service.Method.Add(new MethodDescriptorProto { Name = "Chat", InputType = ".demo.v1.Outer", OutputType = ".demo.v1.Outer", ClientStreaming = true, ServerStreaming = true });
        file.Service.Add(service);
        return file;
    }
}
