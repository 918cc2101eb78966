using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;

namespace PerpStudio.Benchmarks.Runtime;

/// <summary>A counter that does no I/O, so the benchmark measures the runtime's call path.</summary>
public interface IBenchCounterGrain : IGrainWithStringKey
{
    /// <summary>Adds to the total and returns it.</summary>
    Task<long> AddAsync(long amount);
}

/// <summary>Implements <see cref="IBenchCounterGrain"/>.</summary>
public sealed class BenchCounterGrain : Grain, IBenchCounterGrain
{
    private long _total;

    /// <inheritdoc/>
    public Task<long> AddAsync(long amount) => Task.FromResult(_total += amount);
}

/// <summary>
/// Grain calls per second in one process: one caller awaiting calls to one grain in sequence, and many callers at once
/// spread over many grains. Each benchmark reports the time per call (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private const int Grains = 1_000;
    private const int SequentialCalls = 1_000;
    private const int Callers = 100;
    private const int CallsPerCaller = 100;

    private ServiceProvider? _services;
    private IBenchCounterGrain _one = null!;
    private IBenchCounterGrain[] _many = [];

    /// <summary>Builds the runtime and activates every grain, so activation is not measured.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime().AddGrain<IBenchCounterGrain, BenchCounterGrain>();
        _services = services.BuildServiceProvider();
        var factory = _services.GetRequiredService<IGrainFactory>();
        _one = factory.GetGrain<IBenchCounterGrain>("one");
        _many = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IBenchCounterGrain>($"op1/trader{i}")).ToArray();
        await _one.AddAsync(0);
        await Task.WhenAll(_many.Select(g => g.AddAsync(0)));
    }

    /// <summary>Disposes the runtime.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>One caller, one grain, each call awaited before the next.</summary>
    [Benchmark(OperationsPerInvoke = SequentialCalls)]
    public async Task<long> Sequential_calls_to_one_grain()
    {
        long total = 0;
        for (var i = 0; i < SequentialCalls; i++)
        {
            total = await _one.AddAsync(1);
        }

        return total;
    }

    /// <summary>100 callers at once, each awaiting 100 calls in sequence, spread over 1,000 grains.</summary>
    [Benchmark(OperationsPerInvoke = Callers * CallsPerCaller)]
    public Task Concurrent_callers_across_many_grains() =>
        Task.WhenAll(Enumerable.Range(0, Callers).Select(CallerAsync));

    /// <summary>10,000 calls issued at once to 1,000 grains, then all awaited (queues fill up: throughput under load).</summary>
    [Benchmark(OperationsPerInvoke = Callers * CallsPerCaller)]
    public Task Burst_of_calls_across_many_grains()
    {
        var calls = new Task[Callers * CallsPerCaller];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = _many[i % Grains].AddAsync(1);
        }

        return Task.WhenAll(calls);
    }

    private async Task CallerAsync(int caller)
    {
        for (var i = 0; i < CallsPerCaller; i++)
        {
            await _many[((caller * 37) + (i * 101)) % Grains].AddAsync(1);
        }
    }
}
