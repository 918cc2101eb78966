using PerpStudio.Host;

return await PerpStudioHost.RunAsync(args, Console.Out, Console.Error);
