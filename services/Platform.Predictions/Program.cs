using Platform.Predictions;
using Platform.ServiceDefaults;

// appsettings.json sits next to the binaries, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults();
builder.AddPredictionService();

var app = builder.Build();
await app.MapPredictionServiceAsync();
await app.RunAsync();
