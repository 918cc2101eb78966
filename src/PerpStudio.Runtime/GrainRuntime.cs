using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using PerpStudio.Runtime.Core;
using PerpStudio.Runtime.Diagnostics;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Placement;

namespace PerpStudio.Runtime;

/// <summary>
/// The runtime of one process (Orleans: a silo): the activation directory, call dispatch with response timeouts,
/// placement and idle collection. Resolve it (or <see cref="IGrainFactory"/>) from the service provider built after
/// <see cref="GrainRuntimeServiceCollectionExtensions.AddGrainRuntime"/>.
/// </summary>
public sealed class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _directory = new();

    // made once per grain and interface: creating a DispatchProxy costs more than the call it is made for
    private readonly ConcurrentDictionary<(Type Interface, string Key), object> _references = new();
    private int _referenceCount;
    private readonly GrainTypeRegistry _registry;
    private readonly IGrainPlacement _placement;
    private readonly bool _ownsEverything;
    private readonly IRemoteGrainInvoker _remote;
    private readonly TimeSpan _responseTimeout;
    private readonly TimeSpan _collectionAge;
    private readonly ITimer _collector;
    private readonly CallDeadlines _deadlines;
    private readonly Action<string> _callTimedOut;

    internal GrainRuntime(
        IServiceProvider services,
        GrainRuntimeOptions options,
        GrainTypeRegistry registry,
        TimeProvider timeProvider,
        IGrainPlacement placement,
        IRemoteGrainInvoker remote,
        RuntimeInstruments instruments,
        ILogger<GrainRuntime> logger)
    {
        options.Validate();
        Services = services;
        _registry = registry;
        TimeProvider = timeProvider;
        _placement = placement;
        _ownsEverything = placement is LocalGrainPlacement;
        _remote = remote;
        Instruments = instruments;
        Logger = logger;
        _responseTimeout = options.ResponseTimeout;
        _collectionAge = options.CollectionAge;
        _deadlines = new CallDeadlines(timeProvider, _responseTimeout);
        _callTimedOut = instruments.CallTimedOut;
        _collector = timeProvider.CreateTimer(
            static s => ((GrainRuntime)s!).CollectIdleActivations(), this, options.CollectionQuantum, options.CollectionQuantum);
    }

    /// <summary>The clock driving response timeouts, idle collection and grain timers.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Local calls waiting for their response now.</summary>
    internal int PendingCalls => _deadlines.Count;

    /// <summary>How many activations exist in this process now.</summary>
    public int ActivationCount => _directory.Count;

    /// <summary>The ids of the grains with an activation in this process now (a snapshot; for diagnostics and tests).</summary>
    public IReadOnlyList<GrainId> ActiveGrainIds() => [.. _directory.Keys];

    internal IServiceProvider Services { get; }

    internal RuntimeInstruments Instruments { get; }

    internal ILogger Logger { get; }

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(primaryKey);
        if (_references.TryGetValue((typeof(TGrainInterface), primaryKey), out var cached))
        {
            return (TGrainInterface)cached;
        }

        var grainInterface = _registry.Get(typeof(TGrainInterface));
        var reference = GrainReferenceProxy.Create<TGrainInterface>(this, grainInterface, new GrainId(grainInterface.Class.GrainType, primaryKey));
        if (Interlocked.Increment(ref _referenceCount) > MaxCachedReferences)
        {
            // bounded: a reference is immutable and cheap enough to make again, so forgetting them all is harmless
            _references.Clear();
            Interlocked.Exchange(ref _referenceCount, 0);
        }

        _references.TryAdd((typeof(TGrainInterface), primaryKey), reference!);
        return reference;
    }

    /// <summary>How many grain references are kept for reuse before the cache starts over.</summary>
    internal const int MaxCachedReferences = 100_000;

    /// <summary>
    /// Deactivates every activation that exists now (each runs <see cref="Grain.OnDeactivateAsync"/> as its last turn,
    /// after the turns already queued) and waits until they are gone. The next call to any of them activates it again
    /// from storage. Graceful shutdown calls this; tests use it to force a reload.
    /// </summary>
    public Task DeactivateAllAsync()
    {
        var activations = _directory.Values.ToArray();
        foreach (var activation in activations)
        {
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "DeactivateAllAsync was called"));
        }

        return Task.WhenAll(activations.Select(a => a.Deactivated));
    }

    /// <summary>
    /// Runs a call forwarded by another member on the local activation, whatever the placement says (the sender
    /// already decided). A transport's server side calls this; the result is boxed.
    /// </summary>
    /// <param name="call">The call as the sender's <see cref="IRemoteGrainInvoker"/> received it.</param>
    public Task<object?> InvokeLocalAsync(GrainCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var grainInterface = _registry.Get(call.Method.DeclaringType!);
        if (grainInterface.Class.GrainType != call.GrainId.Type)
        {
            throw new ArgumentException($"{call.GrainId} is not a grain implementing {grainInterface.InterfaceType.Name}", nameof(call));
        }

        var arguments = call.Arguments as object?[] ?? [.. call.Arguments];
        return grainInterface.Dispatcher(call.Method).InvokeLocalBoxedAsync(this, call.GrainId, grainInterface.Class, arguments);
    }

    /// <summary>Stops idle collection and grain timers without running deactivation callbacks (use <see cref="DeactivateAllAsync"/> first for that).</summary>
    public async ValueTask DisposeAsync()
    {
        await _collector.DisposeAsync();
        await _deadlines.DisposeAsync();
        foreach (var activation in _directory.Values)
        {
            await activation.AbandonAsync();
        }
    }

    internal Task<T> CallAsync<T>(MethodDispatcher<T> method, GrainId grainId, GrainClass grainClass, object?[] arguments)
    {
        if (!_ownsEverything)
        {
            var owner = _placement.GetOwner(grainId);
            if (owner != _placement.LocalMember)
            {
                return ForwardAsync(method, owner, grainId, arguments);
            }
        }

        return CallLocalAsync(method, grainId, grainClass, arguments);
    }

    internal Task<T> CallLocalAsync<T>(MethodDispatcher<T> method, GrainId grainId, GrainClass grainClass, object?[] arguments)
    {
        var turn = new CallTurn<T>(method, arguments, grainId, _deadlines, _callTimedOut);
        _deadlines.Track(turn);
        Post(grainId, grainClass, turn);
        return turn.Response;
    }

    /// <summary>Queues a turn on the grain's activation, creating it if needed, or after the current one is gone.</summary>
    internal void Post(GrainId grainId, GrainClass grainClass, Turn turn)
    {
        while (true)
        {
            var activation = _directory.GetOrAdd(
                grainId, static (id, s) => new GrainActivation(s.Runtime, id, s.Class), (Runtime: this, Class: grainClass));
            if (activation.TryEnqueue(turn))
            {
                return;
            }

            if (!activation.Deactivated.IsCompleted)
            {
                // One activation per key: the next one starts only after this one finished deactivating.
                _ = PostAfterDeactivationAsync(activation, grainId, grainClass, turn);
                return;
            }

            _directory.TryRemove(KeyValuePair.Create(grainId, activation));
        }
    }

    internal void Remove(GrainActivation activation) =>
        _directory.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    private async Task PostAfterDeactivationAsync(GrainActivation activation, GrainId grainId, GrainClass grainClass, Turn turn)
    {
        await activation.Deactivated;
        Post(grainId, grainClass, turn);
    }

    private async Task<T> ForwardAsync<T>(MethodDispatcher<T> method, int owner, GrainId grainId, object?[] arguments)
    {
        var call = new GrainCall(grainId, method.Method, arguments);
        var result = await AwaitResponseAsync(_remote.InvokeAsync(owner, call, CancellationToken.None), grainId, method.Method);
        return method.Unbox(result);
    }

    private async Task<T> AwaitResponseAsync<T>(Task<T> response, GrainId grainId, MethodInfo method)
    {
        try
        {
            return await response.WaitAsync(_responseTimeout, TimeProvider);
        }
        catch (TimeoutException) when (!response.IsCompleted)
        {
            Instruments.CallTimedOut(grainId.Type);
            throw CallDeadlines.NoResponse(method, grainId, _responseTimeout);
        }
    }

    private void CollectIdleActivations()
    {
        foreach (var activation in _directory.Values)
        {
            activation.DeactivateIfIdle(_collectionAge);
        }
    }
}
