using System.Collections.Concurrent;
using System.Security.Cryptography;
using PerpStudio.Api.Application;

namespace PerpStudio.Web.Sessions;

/// <summary>
/// Operator console sign-ins: the admin API key is checked once by the API's authenticator; the browser then holds
/// only a random console session id (the key itself is never stored in a cookie).
/// </summary>
public sealed class ConsoleSessions(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (CallerContext Caller, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);

    /// <summary>Opens a console session for an admin caller; returns its id.</summary>
    public string Open(CallerContext admin, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = (admin, time.GetUtcNow() + lifetime);
        return id;
    }

    /// <summary>The admin caller of a live session, or null.</summary>
    public CallerContext? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var entry))
        {
            return null;
        }

        if (time.GetUtcNow() < entry.Expires)
        {
            return entry.Caller;
        }

        _sessions.TryRemove(id, out _);
        return null;
    }

    /// <summary>Ends a session.</summary>
    public void Close(string? id)
    {
        if (id is not null)
        {
            _sessions.TryRemove(id, out _);
        }
    }
}
