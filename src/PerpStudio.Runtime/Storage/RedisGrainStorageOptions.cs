namespace PerpStudio.Runtime.Storage;

/// <summary>Where and how <see cref="RedisGrainStorage"/> keeps records.</summary>
public sealed class RedisGrainStorageOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The first segment of every key: records live at <c>{KeyPrefix}:{grainType}:{key}</c>.</summary>
    public string KeyPrefix { get; set; } = "perpstudio";

    /// <summary>The Redis database number; -1 for the connection's default.</summary>
    public int Database { get; set; } = -1;
}
