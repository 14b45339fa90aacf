using Platform.Documents;
using Platform.ServiceDefaults;

// appsettings.json sits next to the binaries, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults();
builder.AddDocumentService();

var app = builder.Build();
await app.MapDocumentServiceAsync();
await app.RunAsync();
