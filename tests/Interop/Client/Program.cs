using Platform.Interop.Client;

return await InteropClientApp.RunAsync(args);
