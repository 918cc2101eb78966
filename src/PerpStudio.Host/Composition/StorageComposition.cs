using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Health;
using PerpStudio.Runtime.Hosting;
using StackExchange.Redis;

namespace PerpStudio.Host.Composition;

/// <summary>Grain storage: memory by default, Redis when a connection string is configured (checked before start).</summary>
public static class StorageComposition
{
    /// <summary>Adds the grain storage named <see cref="GrainKeys.Storage"/> and the probe readiness uses.</summary>
    /// <exception cref="PlatformConfigurationException">Redis is configured but does not answer within the timeout.</exception>
    public static GrainRuntimeBuilder AddPlatformStorage(this GrainRuntimeBuilder runtime, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(storage);
        if (!storage.UsesRedis)
        {
            runtime.Services.AddSingleton(new StorageProbe(null));
            return runtime.AddMemoryGrainStorage(GrainKeys.Storage);
        }

        var redis = Connect(storage);
        runtime.Services.AddSingleton(new StorageProbe(redis));
        return runtime.AddRedisGrainStorage(GrainKeys.Storage, o =>
        {
            o.ConnectionString = storage.Redis;
            o.KeyPrefix = storage.KeyPrefix;
        });
    }

    /// <summary>A description of the storage for the startup banner (no password).</summary>
    public static string Describe(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.UsesRedis ? $"redis {Endpoints(storage.Redis)} (prefix '{storage.KeyPrefix}')" : "memory (state is lost when the process ends)";
    }

    private static ConnectionMultiplexer Connect(StorageOptions storage)
    {
        ConfigurationOptions config;
        try
        {
            config = ConfigurationOptions.Parse(storage.Redis);
        }
        catch (ArgumentException ex)
        {
            throw new PlatformConfigurationException([$"{PlatformOptions.SectionName}:Storage:Redis is not a valid Redis connection string: {ex.Message}"]);
        }

        config.ConnectTimeout = (int)Math.Min(int.MaxValue, storage.ConnectTimeout.TotalMilliseconds);
        config.AbortOnConnectFail = true;
        try
        {
            return ConnectionMultiplexer.Connect(config);
        }
        catch (RedisConnectionException ex)
        {
            throw new PlatformConfigurationException(
                [$"{PlatformOptions.SectionName}:Storage:Redis: no answer from {Endpoints(storage.Redis)} within {storage.ConnectTimeout.TotalSeconds:0.#} s ({FirstLine(ex.Message)})"]);
        }
    }

    private static string Endpoints(string connectionString)
    {
        try
        {
            return string.Join(",", ConfigurationOptions.Parse(connectionString).EndPoints.Select(e => e.ToString()));
        }
        catch (ArgumentException)
        {
            return "(unparsable)";
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
