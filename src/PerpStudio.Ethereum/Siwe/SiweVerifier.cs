namespace PerpStudio.Ethereum.Siwe;

/// <summary>Why a sign-in was refused.</summary>
public enum SiweFailure
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>The text breaks the EIP-4361 grammar.</summary>
    MalformedMessage,

    /// <summary>The signature is not 65 bytes of hex, has an invalid v, or recovers to no key.</summary>
    MalformedSignature,

    /// <summary>The signature recovers to an address other than the message's.</summary>
    SignerMismatch,

    /// <summary>Now is at or after the expiration time.</summary>
    Expired,

    /// <summary>Now is before the not-before time.</summary>
    NotYetValid,

    /// <summary>The message names another domain than the one expected.</summary>
    DomainMismatch,

    /// <summary>The message carries another nonce than the one issued.</summary>
    NonceMismatch,
}

/// <summary>The outcome of verifying a sign-in.</summary>
/// <param name="Failure"><see cref="SiweFailure.None"/> when accepted.</param>
/// <param name="Error">What went wrong, null when accepted.</param>
/// <param name="Message">The parsed message, when the text parsed.</param>
public sealed record SiweVerification(SiweFailure Failure, string? Error, SiweMessage? Message)
{
    /// <summary>True when the sign-in is accepted.</summary>
    public bool IsValid => Failure == SiweFailure.None;
}

/// <summary>
/// Verifies a Sign-In with Ethereum: the text parses, the EIP-191 signature over the exact text recovers to the message's
/// address, the time window holds at the given instant, and domain and nonce match what the server expects.
/// </summary>
public static class SiweVerifier
{
    /// <summary>Verifies at the instant <paramref name="timeProvider"/> reports.</summary>
    public static SiweVerification Verify(string messageText, string signatureHex, TimeProvider timeProvider, string? expectedDomain = null, string? expectedNonce = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Verify(messageText, signatureHex, timeProvider.GetUtcNow(), expectedDomain, expectedNonce);
    }

    /// <summary>Verifies a hex signature (as <c>personal_sign</c> returns it) at <paramref name="now"/>.</summary>
    public static SiweVerification Verify(string messageText, string signatureHex, DateTimeOffset now, string? expectedDomain = null, string? expectedNonce = null)
    {
        EthereumSignature signature;
        try
        {
            signature = EthereumSignature.Parse(signatureHex);
        }
        catch (FormatException e)
        {
            return new SiweVerification(SiweFailure.MalformedSignature, e.Message, TryParse(messageText));
        }

        return Verify(messageText, signature, now, expectedDomain, expectedNonce);
    }

    /// <summary>Verifies a parsed signature at <paramref name="now"/>.</summary>
    public static SiweVerification Verify(string messageText, EthereumSignature signature, DateTimeOffset now, string? expectedDomain = null, string? expectedNonce = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        SiweMessage message;
        try
        {
            message = SiweMessage.Parse(messageText);
        }
        catch (SiweFormatException e)
        {
            return new SiweVerification(SiweFailure.MalformedMessage, e.Message, null);
        }

        EthereumAddress signer;
        try
        {
            signer = PersonalMessage.RecoverAddress(messageText, signature);
        }
        catch (FormatException e)
        {
            return new SiweVerification(SiweFailure.MalformedSignature, e.Message, message);
        }

        if (signer != message.Address)
        {
            return new SiweVerification(SiweFailure.SignerMismatch, $"signed by {signer}, message names {message.Address}", message);
        }

        if (expectedDomain is not null && !string.Equals(message.Domain, expectedDomain, StringComparison.Ordinal))
        {
            return new SiweVerification(SiweFailure.DomainMismatch, $"message is for domain {message.Domain}, expected {expectedDomain}", message);
        }

        if (expectedNonce is not null && !string.Equals(message.Nonce, expectedNonce, StringComparison.Ordinal))
        {
            return new SiweVerification(SiweFailure.NonceMismatch, "message nonce differs from the one issued", message);
        }

        if (message.ExpirationTime is { } expiration && now >= expiration)
        {
            return new SiweVerification(SiweFailure.Expired, $"expired at {expiration:O}", message);
        }

        if (message.NotBefore is { } notBefore && now < notBefore)
        {
            return new SiweVerification(SiweFailure.NotYetValid, $"not valid before {notBefore:O}", message);
        }

        return new SiweVerification(SiweFailure.None, null, message);
    }

    private static SiweMessage? TryParse(string messageText) =>
        SiweMessage.TryParse(messageText, out var message, out _) ? message : null;
}
