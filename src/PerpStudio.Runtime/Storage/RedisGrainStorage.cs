using StackExchange.Redis;

namespace PerpStudio.Runtime.Storage;

/// <summary>
/// Durable storage in Redis. Each grain is one hash at <c>{prefix}:{grainType}:{key}</c> holding, per state name, the
/// JSON (<c>state:{name}</c>) and its ETag (<c>etag:{name}</c>). Writes and clears are compare-and-set Lua scripts on the
/// ETag, so two writers can never both win. Redis must run with <c>appendonly yes</c> and <c>appendfsync always</c>
/// for an acknowledged write to survive a crash.
/// </summary>
public sealed class RedisGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    // KEYS[1] hash; ARGV: state field, etag field, expected etag ('' = no record), new etag, json.
    private const string WriteScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[2])
        if current == false then current = '' end
        if current ~= ARGV[3] then return {0, current} end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[5], ARGV[2], ARGV[4])
        return {1, ARGV[4]}
        """;

    // KEYS[1] hash; ARGV: state field, etag field, expected etag ('' = no record).
    private const string ClearScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[2])
        if current == false then current = '' end
        if current ~= ARGV[3] then return {0, current} end
        redis.call('HDEL', KEYS[1], ARGV[1], ARGV[2])
        return {1, ''}
        """;

    private readonly RedisGrainStorageOptions _options;
    private readonly GrainStateSerializer _serializer;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private ConnectionMultiplexer? _connection;

    /// <summary>Creates the provider; it connects on first use.</summary>
    /// <param name="options">Connection string and key prefix.</param>
    /// <param name="serializer">The runtime's state serializer.</param>
    public RedisGrainStorage(RedisGrainStorageOptions options, GrainStateSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.KeyPrefix, nameof(options));
        _options = options;
        _serializer = serializer;
    }

    /// <summary>The Redis key holding a grain's states.</summary>
    /// <param name="grainId">The grain.</param>
    public RedisKey KeyOf(GrainId grainId) => $"{_options.KeyPrefix}:{grainId.Type}:{grainId.Key}";

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var db = await DatabaseAsync(cancellationToken);
        var values = await db.HashGetAsync(KeyOf(grainId), [StateField(stateName), EtagField(stateName)]).WaitAsync(cancellationToken);
        if (values[1].IsNull)
        {
            grainState.State = GrainStateSerializer.CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = _serializer.Deserialize<T>((byte[])values[0]!, grainId);
        grainState.ETag = values[1];
        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    /// <remarks>The token is not honoured once the script is sent: the outcome of a sent write must be learnt, not guessed.</remarks>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var json = _serializer.Serialize(grainState.State);
        var etag = Guid.NewGuid().ToString("N");
        var db = await DatabaseAsync(cancellationToken);
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(
            WriteScript,
            [KeyOf(grainId)],
            [StateField(stateName), EtagField(stateName), grainState.ETag ?? "", etag, json]))!;
        EnsureApplied(result, "write", stateName, grainId, grainState.ETag);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var db = await DatabaseAsync(cancellationToken);
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(
            ClearScript,
            [KeyOf(grainId)],
            [StateField(stateName), EtagField(stateName), grainState.ETag ?? ""]))!;
        EnsureApplied(result, "clear", stateName, grainId, grainState.ETag);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.CloseAsync();
            _connection.Dispose();
        }

        _connectGate.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _connection?.Dispose();
        _connectGate.Dispose();
    }

    private static RedisValue StateField(string stateName) => "state:" + stateName;

    private static RedisValue EtagField(string stateName) => "etag:" + stateName;

    private static void EnsureApplied(RedisResult[] result, string operation, string stateName, GrainId grainId, string? expected)
    {
        if ((long)result[0] == 1)
        {
            return;
        }

        var stored = (string?)result[1];
        throw new InconsistentStateException(
            $"{operation} of state '{stateName}' of {grainId} lost a race with another writer",
            string.IsNullOrEmpty(stored) ? null : stored,
            expected);
    }

    private async ValueTask<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is null)
        {
            // One connect at a time; a failed connect is not cached, so the next call tries again.
            await _connectGate.WaitAsync(cancellationToken);
            try
            {
                connection = _connection ??= await ConnectionMultiplexer.ConnectAsync(_options.ConnectionString);
            }
            finally
            {
                _connectGate.Release();
            }
        }

        return connection.GetDatabase(_options.Database);
    }
}
