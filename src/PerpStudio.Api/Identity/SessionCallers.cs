using System.Collections.Concurrent;
using PerpStudio.Api.Application;
using PerpStudio.Ethereum;

namespace PerpStudio.Api.Identity;

/// <summary>
/// The <see cref="CallerContext"/> of each verified session, kept so that a trader's calls share one caller (its
/// address parsed and its account key built once) instead of building them on every call. It is never a source of
/// truth: the session is read and checked (known, not revoked, not expired) on every call before it is asked, and a
/// kept caller is reused only when it is exactly what the current record would build.
/// </summary>
internal sealed class SessionCallers
{
    // past this many sessions the memo starts over: it bounds memory, and a miss only costs building the caller again
    private const int MaxRemembered = 4096;

    private readonly ConcurrentDictionary<string, CallerContext> _byDigest = new(StringComparer.Ordinal);

    /// <summary>The caller of <paramref name="session"/>, which the caller has already verified for this call.</summary>
    public CallerContext CallerOf(string digest, SessionRecord session)
    {
        if (_byDigest.TryGetValue(digest, out var known)
            && known.OperatorId == session.OperatorId
            && known.CredentialId == session.SessionId
            && known.TraderId == session.Trader)
        {
            return known;
        }

        var caller = CallerContext.TraderSession(session.OperatorId, EthereumAddress.Parse(session.Trader), session.SessionId);
        if (_byDigest.Count >= MaxRemembered)
        {
            _byDigest.Clear();
        }

        _byDigest[digest] = caller;
        return caller;
    }
}
