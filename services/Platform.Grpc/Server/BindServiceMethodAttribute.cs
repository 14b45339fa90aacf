using System.Diagnostics.CodeAnalysis;

namespace Platform.Grpc.Server;

/// <summary>
/// Put by generated code on each service base class: names the static method that binds the service's
/// methods, so <c>MapGrpcService&lt;T&gt;()</c> finds it for any subclass.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class BindServiceMethodAttribute(
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type bindType,
    string bindMethodName) : Attribute
{
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)]
    public Type BindType { get; } = bindType;

    public string BindMethodName { get; } = bindMethodName;
}
