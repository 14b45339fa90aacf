using System.Text;
using Google.Protobuf.Reflection;

namespace Platform.Grpc.CodeGen;

/// <summary>
/// The C# names protoc's own C# generator gives to proto elements, so the stubs refer to the message
/// classes it produced: namespaces from <c>csharp_namespace</c> or the package in PascalCase, nested
/// messages under <c>Outer.Types.Inner</c>, and the <c>{File}Reflection</c> holder class.
/// </summary>
internal sealed class CSharpNames
{
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);

    public CSharpNames(IEnumerable<FileDescriptorProto> files)
    {
        foreach (var file in files)
        {
            var ns = Namespace(file);
            var prefix = string.IsNullOrEmpty(file.Package) ? "." : "." + file.Package + ".";
            foreach (var message in file.MessageType)
            {
                AddMessage(message, prefix, "global::" + (ns.Length > 0 ? ns + "." : ""));
            }
        }
    }

    /// <summary>The fully qualified C# type for a proto type name such as <c>.grpc.testing.Empty</c>.</summary>
    public string TypeName(string protoTypeName) =>
        _typeNames.TryGetValue(protoTypeName, out var name)
            ? name
            : throw new InvalidOperationException($"Unknown message type {protoTypeName}");

    public static string Namespace(FileDescriptorProto file) =>
        file.Options?.HasCsharpNamespace == true ? file.Options.CsharpNamespace : PascalCase(file.Package, preservePeriod: true);

    /// <summary>protoc names the descriptor holder after the file: <c>document_service.proto</c> → <c>DocumentServiceReflection</c>.</summary>
    public static string ReflectionClass(FileDescriptorProto file)
    {
        var name = file.Name;
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        if (name.EndsWith(".proto", StringComparison.Ordinal))
        {
            name = name[..^".proto".Length];
        }

        return PascalCase(name, preservePeriod: false) + "Reflection";
    }

    /// <summary>protoc's UnderscoresToCamelCase with the first letter capitalised.</summary>
    public static string PascalCase(string input, bool preservePeriod)
    {
        var result = new StringBuilder(input.Length);
        var capitalizeNext = true;
        foreach (var c in input)
        {
            if (c is >= 'a' and <= 'z')
            {
                result.Append(capitalizeNext ? char.ToUpperInvariant(c) : c);
                capitalizeNext = false;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                result.Append(c);
                capitalizeNext = false;
            }
            else if (c is >= '0' and <= '9')
            {
                result.Append(c);
                capitalizeNext = true;
            }
            else
            {
                capitalizeNext = true;
                if (c == '.' && preservePeriod)
                {
                    result.Append('.');
                }
            }
        }

        return result.ToString();
    }

    private void AddMessage(DescriptorProto message, string protoPrefix, string csharpPrefix)
    {
        var protoName = protoPrefix + message.Name;
        var csharpName = csharpPrefix + message.Name;
        _typeNames[protoName] = csharpName;
        foreach (var nested in message.NestedType)
        {
            AddMessage(nested, protoName + ".", csharpName + ".Types.");
        }
    }
}
