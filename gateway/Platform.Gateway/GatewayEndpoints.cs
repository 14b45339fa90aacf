namespace Platform.Gateway;

internal static class GatewayEndpoints
{
    public static void MapGatewayEndpoints(this WebApplication app)
    {
        app.MapGet("/", () => Results.Text(
            "The Platform gateway is running. Health: /health/live, /health/ready.\n",
            "text/plain; charset=utf-8"));
    }
}
