using Platform.Gateway;
using Platform.ServiceDefaults;

// appsettings.json sits next to the binaries, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults();

var app = builder.Build();
app.MapGatewayEndpoints();
app.Run();
