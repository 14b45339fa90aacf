using Platform.Entities;
using Platform.ServiceDefaults;

// appsettings.json and the gazetteers sit next to the binaries, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults();
builder.AddEntityService();

var app = builder.Build();
await app.MapEntityServiceAsync();
await app.RunAsync();
