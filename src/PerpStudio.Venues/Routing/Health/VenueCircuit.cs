using System.Diagnostics;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Health;

/// <summary>Where a venue's circuit stands for routing.</summary>
public enum CircuitStatus
{
    /// <summary>Calls flow.</summary>
    Closed,

    /// <summary>Broken: the venue is left out of plans until the break duration has passed.</summary>
    Open,

    /// <summary>The break duration has passed: the next call is the probe that closes or reopens the circuit.</summary>
    ProbeDue,

    /// <summary>A probe is in flight: other calls are refused until it answers.</summary>
    HalfOpen,

    /// <summary>Held open by hand (an operator took the venue out).</summary>
    Isolated,
}

/// <summary>
/// One venue behind a Polly pipeline: a circuit breaker counting transport failures, busy refusals and timeouts,
/// around a timeout per call. Timing comes from the <see cref="TimeProvider"/>, so tests move the clock instead of
/// sleeping. It also measures latency and counts errors for <see cref="RoutingTelemetry"/>.
/// </summary>
internal sealed class VenueCircuit
{
    private readonly VenueId _venue;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly CircuitBreakerManualControl _control = new();
    private long _openUntilTicks;

    internal VenueCircuit(VenueId venue, VenueCircuitOptions options, TimeProvider time)
    {
        _venue = venue;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time, Name = $"venue-{venue.Value}" }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                ManualControl = _control,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is VenueUnavailableException or TimeoutRejectedException),
                OnOpened = args =>
                {
                    // Polly only half-opens on the next call; the router needs to know before calling whether to plan with the venue
                    var until = args.BreakDuration == TimeSpan.MaxValue ? DateTimeOffset.MaxValue : _time.GetUtcNow() + args.BreakDuration;
                    Interlocked.Exchange(ref _openUntilTicks, until.UtcTicks);
                    RoutingTelemetry.BreakerOpens.Add(1, new KeyValuePair<string, object?>("venue", _venue.Value));
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.CallTimeout })
            .Build();
    }

    /// <summary>The circuit's state now.</summary>
    internal CircuitStatus Status
    {
        get
        {
            return _state.CircuitState switch
            {
                CircuitState.Closed => CircuitStatus.Closed,
                CircuitState.HalfOpen => CircuitStatus.HalfOpen,
                CircuitState.Isolated => CircuitStatus.Isolated,
                _ => _time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _openUntilTicks) ? CircuitStatus.ProbeDue : CircuitStatus.Open,
            };
        }
    }

    /// <summary>True when a new plan may use the venue.</summary>
    internal bool AdmitsNewWork => Status is CircuitStatus.Closed or CircuitStatus.ProbeDue;

    internal Task IsolateAsync() => _control.IsolateAsync();

    internal Task CloseAsync() => _control.CloseAsync();

    /// <summary>Runs one venue call through the breaker and the timeout, measuring it.</summary>
    internal async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            return await _pipeline.ExecuteAsync(static async (c, token) => await c(token), call, cancellationToken);
        }
        catch (Exception ex) when (ex is VenueUnavailableException or TimeoutRejectedException or BrokenCircuitException)
        {
            RoutingTelemetry.Errors.Add(1, Tag("venue", _venue.Value), Tag("operation", operation), Tag("error", ErrorName(ex)));
            throw;
        }
        finally
        {
            RoutingTelemetry.Latency.Record(_time.GetElapsedTime(started).TotalMilliseconds, Tag("venue", _venue.Value), Tag("operation", operation));
            Activity.Current?.AddTag("venue", _venue.Value);
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    private static string ErrorName(Exception ex) => ex switch
    {
        VenueBusyException => "busy",
        VenueTimeoutException or TimeoutRejectedException => "timeout",
        BrokenCircuitException => "circuit_open",
        _ => "unavailable",
    };
}

/// <summary>A placement refused as busy: thrown inside the pipeline so that the breaker counts it, and turned back into a refusal outside.</summary>
internal sealed class VenueBusyException : VenueUnavailableException
{
    public VenueBusyException()
    {
    }

    public VenueBusyException(string message)
        : base(message)
    {
    }

    public VenueBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
