using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Host;
using PerpStudio.Host.Routing;
using PerpStudio.LoadGenerator;

// Usage: dotnet run -c Release --project bench/PerpStudio.LoadGenerator -- [--url http://127.0.0.1:5001] [--traders 200]
//        [--duration 10] [--warmup 3] [--prewarm 20] [--rate 5000[,8000]] [--no-max] [--alloc-types]
// Without --url a host starts in this process on free loopback ports (rate limits off, demo operator on).
// A host given by --url must run with PerpStudio__Api__RateLimits__Disabled=true.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}, GC server={System.Runtime.GCSettings.IsServerGC}"));
using var allocationTypes = options.AllocationTypes ? new AllocationTypes() : null;
allocationTypes?.Start();
PlatformApp? platform = null;
var address = options.Url;
if (address is null)
{
    platform = await PerpStudioHost.BuildAsync(
    [
        $"--PerpStudio:Grpc:Port={FreePort()}",
        $"--PerpStudio:Web:Port={FreePort()}",
        "--PerpStudio:Api:RateLimits:Disabled=true",
        "--Logging:LogLevel:Default=Warning",
    ]);
    await platform.App.StartAsync();
    address = platform.GrpcAddress;
    Console.WriteLine($"host started in this process at {address}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target {address}: {options.Traders} traders, {options.Warmup.TotalSeconds} s warm-up + {options.Duration.TotalSeconds} s per phase"));
try
{
    await new LoadRun(options, Console.Out).RunAsync(address, CancellationToken.None);
    if (platform is not null)
    {
        // where an order's time went inside the host, over the whole run (warm-up included)
        Console.WriteLine("inside the host: " + platform.App.Services.GetRequiredService<GatewayTimings>());
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"collections over the run: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; pause time {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms"));

    if (allocationTypes is not null)
    {
        allocationTypes.Stop();
        Console.Write(allocationTypes.Report(40));
    }

    return 0;
}
finally
{
    if (platform is not null)
    {
        await platform.App.StopAsync();
        await platform.DisposeAsync();
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
