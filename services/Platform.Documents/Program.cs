using Platform.Documents;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDocumentService();

var app = builder.Build();
await app.MapDocumentServiceAsync();
await app.RunAsync();
