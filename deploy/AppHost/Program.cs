using Platform.AppHost;

if (!AppHostOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(AppHostOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(AppHostOptions.Usage);
    return 0;
}

return await new PlatformHost(options).RunAsync();
