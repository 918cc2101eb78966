using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Storage;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Stopping_the_host_deactivates_every_grain()
    {
        await using var silo = TestSilo.Create();
        await silo.Grains.GetGrain<ICounterGrain>("a").IncrementAsync();
        await silo.Grains.GetGrain<ICounterGrain>("b").IncrementAsync();

        foreach (var hosted in silo.Services.GetServices<IHostedService>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        silo.Runtime.ActivationCount.ShouldBe(0);
        silo.Probe.Deactivations.Keys.Order().ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task State_is_serialized_with_the_configured_json_options()
    {
        await using var silo = TestSilo.Create(o => o.StateSerializerOptions = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

        var json = System.Text.Encoding.UTF8.GetString(
            silo.Services.GetRequiredService<GrainStateSerializer>().Serialize(new CounterState { Count = 7 }));

        json.ShouldBe("""{"count":7,"history":[]}""");
    }

    [Fact]
    public void Scanning_an_assembly_checks_every_grain_interface_it_finds()
    {
        var services = new ServiceCollection();

        var refused = Should.Throw<ArgumentException>(() => services.AddGrainRuntime().AddGrainsFromAssembly(typeof(HostingTests).Assembly));

        refused.Message.ShouldContain("ISynchronousGrain.Now returns Int32");
    }

    [Fact]
    public void A_storage_name_can_be_registered_only_once()
    {
        var builder = new ServiceCollection().AddGrainRuntime().AddMemoryGrainStorage("store");

        var refused = Should.Throw<ArgumentException>(() => builder.AddRedisGrainStorage("store", "127.0.0.1:1"));

        refused.Message.ShouldStartWith("a grain storage named 'store' is already registered");
    }
}
