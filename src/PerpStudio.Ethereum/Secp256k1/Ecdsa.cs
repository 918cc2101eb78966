using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>Why a public key could not be recovered from a signature.</summary>
internal enum RecoveryFailure
{
    /// <summary>Recovered.</summary>
    None,

    /// <summary>r is not the x coordinate of a curve point.</summary>
    RIsNotOnCurve,

    /// <summary>The key would be the point at infinity.</summary>
    Infinity,
}

/// <summary>
/// ECDSA over secp256k1 as Ethereum uses it: RFC 6979 nonces, low-s signatures with the recovery id of R's y, and
/// public-key recovery (ecrecover).
/// <para>
/// Side channels: with a private key and nonce, the code runs the same instructions and touches the same addresses
/// whatever their values (masked table scans, branch-free field and scalar arithmetic, Fermat inversions). Branches
/// remain only on public values (r, s, the parity of R's y) and on the nonce's rejection tests, which fail with
/// probability below 2^-127. The nonce state (K, V, HMAC inputs) and the signer's secret scalars (k, k^-1, r*d) are
/// wiped after use; intermediates inside the arithmetic (powers during an inversion, point coordinates) live in
/// registers and stack temporaries that managed code cannot reliably clear.
/// </para>
/// </summary>
internal static class Ecdsa
{
    /// <summary>The public key d*G of a private key d in [1, n-1].</summary>
    public static AffinePoint PublicKeyOf(in Scalar privateKey)
    {
        GeneratorTable.Multiply(privateKey).TryToAffine(out var point);
        return point;
    }

    /// <summary>Signs a 32-byte hash: writes r || s (s at most n/2) and returns the recovery id (0 or 1).</summary>
    public static int Sign(in Scalar privateKey, ReadOnlySpan<byte> hash, Span<byte> rs64)
    {
        var e = Scalar.ReadReduced(hash);
        Span<byte> state = stackalloc byte[64];
        Span<byte> x = stackalloc byte[32];
        var nonce = new Rfc6979Nonce(state, privateKey, hash);
        try
        {
            while (true)
            {
                var k = nonce.Next();
                GeneratorTable.Multiply(k).TryToAffine(out var point);
                point.X.Write(x);

                // An x at or above n would need recovery id 2 or 3, which v = 27/28 cannot carry (odds about 2^-128).
                if (!Scalar.TryRead(x, out var r) || r.IsZero)
                {
                    Wipe(ref k);
                    continue;
                }

                var kInverse = Scalar.Invert(k);
                var rd = Scalar.Multiply(r, privateKey);
                var s = Scalar.Multiply(kInverse, Scalar.Add(e, rd));
                Wipe(ref k);
                Wipe(ref kInverse);
                Wipe(ref rd);
                if (s.IsZero)
                {
                    continue;
                }

                var recoveryId = point.Y.IsOdd ? 1 : 0;
                if (s.IsHigh)
                {
                    // Negating s mirrors R, so the parity of its y flips too.
                    s = Scalar.Negate(s);
                    recoveryId ^= 1;
                }

                r.Write(rs64);
                s.Write(rs64[32..]);
                return recoveryId;
            }
        }
        finally
        {
            nonce.Clear();
            Wipe(ref e);
        }
    }

    /// <summary>Q = r^-1 (s R - e G) for r, s in [1, n-1]; R is the point with x = r and y parity = recovery id.</summary>
    public static RecoveryFailure TryRecover(ReadOnlySpan<byte> hash, in Scalar r, in Scalar s, int recoveryId, out AffinePoint publicKey)
    {
        publicKey = default;

        // r < n < p, so r is a field element as it stands.
        var x = new FieldElement(r.L0, r.L1, r.L2, r.L3);
        if (!AffinePoint.TryFromX(x, recoveryId == 1, out var bigR))
        {
            return RecoveryFailure.RIsNotOnCurve;
        }

        var e = Scalar.ReadReduced(hash);
        var rInverse = Scalar.Invert(r);
        var gFactor = Scalar.Negate(Scalar.Multiply(rInverse, e));
        var rFactor = Scalar.Multiply(rInverse, s);
        var q = JacobianPoint.Add(
            GeneratorTable.MultiplyPublic(gFactor),
            PointMultiplication.Multiply(JacobianPoint.FromAffine(bigR), rFactor));
        return q.TryToAffine(out publicKey) ? RecoveryFailure.None : RecoveryFailure.Infinity;
    }

    /// <summary>Overwrites a secret scalar through memory, which the JIT cannot drop as a dead store.</summary>
    internal static void Wipe(ref Scalar secret) =>
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref secret, 1)));
}
