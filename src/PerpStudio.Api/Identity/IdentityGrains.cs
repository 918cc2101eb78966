using PerpStudio.Runtime;

namespace PerpStudio.Api.Identity;

/// <summary>A session (key: the SHA-256 hex of its token). Durable wherever grain storage is.</summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Stores the session; false when a session already has this key (a token collision, never in practice).</summary>
    Task<bool> CreateAsync(SessionRecord session);

    /// <summary>The session, or null.</summary>
    Task<SessionRecord?> GetAsync();

    /// <summary>Revokes the session.</summary>
    Task RevokeAsync();
}

/// <summary>An API key (key: the SHA-256 hex of the key).</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores the key; false when one already has this digest.</summary>
    Task<bool> CreateAsync(ApiKeyRecord key);

    /// <summary>The key, or null.</summary>
    Task<ApiKeyRecord?> GetAsync();

    /// <summary>Revokes the key; returns it, or null when there is none.</summary>
    Task<ApiKeyRecord?> RevokeAsync();
}

/// <summary>A sign-in challenge (key: operatorId/nonce): issued once, consumed at most once.</summary>
public interface ISignInChallengeGrain : IGrainWithStringKey
{
    /// <summary>Stores a new challenge; false when the nonce was already issued.</summary>
    Task<bool> IssueAsync(SignInChallengeRecord challenge);

    /// <summary>The challenge, or null when it was never issued.</summary>
    Task<SignInChallengeRecord?> GetAsync();

    /// <summary>
    /// Marks the challenge used and returns it as it was before, or null when there is no such challenge or it was
    /// already consumed. One turn at a time makes "exactly once" hold under concurrent sign-ins.
    /// </summary>
    Task<SignInChallengeRecord?> ConsumeAsync();
}

/// <summary>The stored state of one identity grain.</summary>
/// <typeparam name="T">The record kept.</typeparam>
public sealed class IdentityState<T>
    where T : class
{
    /// <summary>The record, or null before it is created.</summary>
    public T? Record { get; set; }
}
