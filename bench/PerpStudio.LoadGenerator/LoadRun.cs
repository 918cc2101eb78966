using System.Diagnostics;
using System.Globalization;
using PerpStudio.Contracts.V1;
using PerpStudio.Client;
using PerpStudio.Grpc.Client;

namespace PerpStudio.LoadGenerator;

/// <summary>The phases: traders join, then open-loop phases at fixed offered rates, then closed-loop maximum throughput.</summary>
public sealed class LoadRun(LoadOptions options, TextWriter output)
{
    /// <summary>Runs every phase against <paramref name="address"/> and returns their results.</summary>
    public async Task<IReadOnlyList<PhaseResult>> RunAsync(Uri address, CancellationToken cancellationToken)
    {
        using var connection = GrpcClient.ForAddress(address);
        var limit = await RestingPriceAsync(connection, cancellationToken);
        var joinWatch = Stopwatch.StartNew();
        var traders = new Trader[options.Traders];
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, options.Traders).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    traders[i] = await Trader.JoinAsync(i, connection, options.OperatorId, limit, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{options.Traders} traders signed in with wallets and funded in {joinWatch.Elapsed.TotalSeconds:F1} s; resting buy limit {limit}"));
        if (options.Prewarm > TimeSpan.Zero)
        {
            // the process's first seconds run code the JIT has not optimised yet (tiered compilation promotes hot
            // methods in the background, which two busy cores starve): an untimed closed loop runs it to steady state
            await ClosedLoopAsync(traders, options.Prewarm, TimeSpan.Zero, cancellationToken);
            await Task.WhenAll(traders.Select(t => t.SettleAsync()));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"pre-warmed for {options.Prewarm.TotalSeconds} s (closed loop, not measured)"));
        }

        var results = new List<PhaseResult>();
        foreach (var rate in options.Rates)
        {
            results.Add(await OpenLoopAsync(traders, rate, cancellationToken));
            await output.WriteLineAsync(results[^1].ToString());
            await Task.WhenAll(traders.Select(t => t.SettleAsync()));
        }

        if (options.Max)
        {
            results.Add(await ClosedLoopAsync(traders, cancellationToken));
            await output.WriteLineAsync(results[^1].ToString());
            await Task.WhenAll(traders.Select(t => t.SettleAsync()));
        }

        return results;
    }

    /// <summary>
    /// Offers operations at a fixed rate whatever the latency (open loop): each is due at its slot and its latency is
    /// measured from the slot, so queueing delay counts. A slot that finds every trader busy is counted as missed.
    /// </summary>
    private async Task<PhaseResult> OpenLoopAsync(Trader[] traders, int rate, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var inFlight = new List<Task>();
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // the pacer has its own thread: this machine's timers fire at a 4 ms granularity (Task.Delay(1) takes about
        // 4.4 ms), so a timer-paced loop would send each slot up to 4 ms late; Thread.Sleep(1) takes 1.09 ms. The pacer
        // sleeps 1 ms whenever no slot is due and then issues every slot that came due: a slot waits at most about
        // 1.1 ms and that wait is charged to the platform (latency counts from the slot), while a spinning pacer would
        // take one of the two cores the platform runs on
        var pacer = new Thread(() =>
        {
            try
            {
                Pace(traders, rate, recorder, inFlight, cancellationToken);
                paced.SetResult();
            }
            catch (Exception ex)
            {
                paced.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "open-loop pacer",
        };
        pacer.Start();
        await paced.Task;

        recorder.Recording = false;
        await Task.WhenAll(inFlight);
        return recorder.Summarize(string.Create(CultureInfo.InvariantCulture, $"open loop {rate}/s"), options.Duration);
    }

    private void Pace(Trader[] traders, int rate, LatencyRecorder recorder, List<Task> inFlight, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var warmupEnd = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var end = warmupEnd + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var interval = (double)Stopwatch.Frequency / rate;
        long issued = 0;
        var next = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= end)
            {
                return;
            }

            recorder.Recording = now >= warmupEnd;

            // slot k is due at start + k * interval: every slot whose time has come is issued now (slot 0 at once)
            var due = (long)((now - start) / interval) + 1;
            for (; issued < due; issued++)
            {
                var slot = start + (long)(issued * interval);
                var trader = NextFree(traders, ref next);
                if (trader is null)
                {
                    recorder.Missed();
                    continue;
                }

                inFlight.Add(RunAsync(trader, recorder, slot));
            }

            if (inFlight.Count > 4096)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }

            if (start + (long)(issued * interval) > Stopwatch.GetTimestamp())
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Every trader places and cancels back to back for the whole phase (closed loop: as fast as it goes).</summary>
    private Task<PhaseResult> ClosedLoopAsync(Trader[] traders, CancellationToken cancellationToken) =>
        ClosedLoopAsync(traders, options.Warmup, options.Duration, cancellationToken);

    private static async Task<PhaseResult> ClosedLoopAsync(Trader[] traders, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var warmupEnd = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = warmupEnd + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(traders.Select(t => Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= end)
                {
                    return;
                }

                recorder.Recording = now >= warmupEnd;
                await t.StepAsync(recorder, now);
            }
        }, cancellationToken)));
        return recorder.Summarize($"max throughput ({traders.Length} traders)", duration);
    }

    private static async Task RunAsync(Trader trader, LatencyRecorder recorder, long slot)
    {
        try
        {
            await trader.StepAsync(recorder, slot);
        }
        finally
        {
            Volatile.Write(ref trader.Busy, 0);
        }
    }

    private static Trader? NextFree(Trader[] traders, ref int next)
    {
        for (var i = 0; i < traders.Length; i++)
        {
            var t = traders[(next + i) % traders.Length];
            if (Interlocked.CompareExchange(ref t.Busy, 1, 0) == 0)
            {
                next = (next + i + 1) % traders.Length;
                return t;
            }
        }

        return null;
    }

    /// <summary>A buy limit 20% under the BTC-USD mark, on the tick: it rests and never fills during the run.</summary>
    private async Task<string> RestingPriceAsync(GrpcClient connection, CancellationToken cancellationToken)
    {
        // not disposed: it would close the connection the traders share
        var probe = new PerpStudioClient(connection, PerpStudioCredentials.ForOperator(options.OperatorId));
        await probe.SignInWithWalletAsync(PerpStudio.Ethereum.PrivateKey.Generate(), cancellationToken: cancellationToken);
        var marks = await probe.GetMarksAsync(new GetMarksRequest { Market = "BTC-USD" }, cancellationToken: cancellationToken);
        var mark = decimal.Parse(marks.Marks.Single().MarkPrice, NumberStyles.Number, CultureInfo.InvariantCulture);
        return decimal.Floor(mark * 0.8m).ToString(CultureInfo.InvariantCulture);
    }
}
