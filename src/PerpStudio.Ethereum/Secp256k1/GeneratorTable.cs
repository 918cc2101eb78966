using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using System.Text;
using static PerpStudio.Ethereum.Secp256k1.WideArithmetic;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// Fixed-base multiplication k*G with a table of affine points built once, lazily, and verified before first use.
/// The scalar is cut into 43 windows of 6 bits; window i holds T[i][j] = j * 64^i * G + B_i for j in [0, 64), so k*G
/// is the sum of one entry per window: 42 additions and no doublings.
/// <para>
/// The offsets B_i = 2^i * H (i &lt; 42) and B_42 = -(2^42 - 1) * H sum to zero; H is hashed to the curve, so nobody
/// knows its discrete log. They keep every entry finite (no j = 0 infinity) and make every partial sum differ from the
/// next entry and its negation, except the last addition for k = 0 (mod n), which correctly gives infinity. So the
/// branch-free incomplete addition is always right, and with the masked table scan in <see cref="Multiply"/> the
/// sequence of instructions and memory reads is the same for every k.
/// </para>
/// </summary>
internal static class GeneratorTable
{
    private const int Width = 6;
    private const int Windows = (256 + Width - 1) / Width;
    private const int EntriesPerWindow = 1 << Width;
    private const int LimbsPerEntry = 8;

    private static readonly ulong[] Entries = Build();

    /// <summary>k*G with no branch and no memory address depending on k (for nonces and private keys).</summary>
    public static JacobianPoint Multiply(in Scalar k) => Multiply(Entries, k);

    /// <summary>k*G reading only the needed entry of each window: faster, for public scalars (recovery).</summary>
    public static JacobianPoint MultiplyPublic(in Scalar k) => MultiplyPublic(Entries, k);

    private static JacobianPoint Multiply(ulong[] table, in Scalar k)
    {
        var sum = JacobianPoint.FromAffine(ScanWindow(table, 0, k.Bits(0, Width)));
        for (var i = 1; i < Windows; i++)
        {
            sum = JacobianPoint.AddUnchecked(sum, ScanWindow(table, i, k.Bits(i * Width, Width)));
        }

        return sum;
    }

    private static JacobianPoint MultiplyPublic(ulong[] table, in Scalar k)
    {
        var sum = JacobianPoint.FromAffine(Entry(table, 0, k.Bits(0, Width)));
        for (var i = 1; i < Windows; i++)
        {
            sum = JacobianPoint.AddUnchecked(sum, Entry(table, i, k.Bits(i * Width, Width)));
        }

        return sum;
    }

    /// <summary>Reads every entry of a window and keeps the wanted one through masks (two 256-bit lanes per entry).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static AffinePoint ScanWindow(ulong[] table, int window, int digit)
    {
        ref var entries = ref table[window * EntriesPerWindow * LimbsPerEntry];
        var x = Vector256<ulong>.Zero;
        var y = Vector256<ulong>.Zero;
        for (var j = 0; j < EntriesPerWindow; j++)
        {
            var mask = Vector256.Create(EqualMask((ulong)j, (ulong)digit));
            x |= Vector256.LoadUnsafe(ref entries, (nuint)(j * LimbsPerEntry)) & mask;
            y |= Vector256.LoadUnsafe(ref entries, (nuint)((j * LimbsPerEntry) + 4)) & mask;
        }

        return new AffinePoint(
            new FieldElement(x.GetElement(0), x.GetElement(1), x.GetElement(2), x.GetElement(3)),
            new FieldElement(y.GetElement(0), y.GetElement(1), y.GetElement(2), y.GetElement(3)));
    }

    private static AffinePoint Entry(ulong[] table, int window, int digit)
    {
        ReadOnlySpan<ulong> e = table.AsSpan(((window * EntriesPerWindow) + digit) * LimbsPerEntry, LimbsPerEntry);
        return new AffinePoint(new FieldElement(e[0], e[1], e[2], e[3]), new FieldElement(e[4], e[5], e[6], e[7]));
    }

    private static ulong[] Build()
    {
        var entries = new ulong[Windows * EntriesPerWindow * LimbsPerEntry];
        var windowBase = JacobianPoint.FromAffine(AffinePoint.G);
        var offset = JacobianPoint.FromAffine(OffsetPoint());
        var offsetsSoFar = JacobianPoint.Infinity;
        for (var i = 0; i < Windows; i++)
        {
            var entry = i < Windows - 1 ? offset : JacobianPoint.Negate(offsetsSoFar);
            for (var j = 0; j < EntriesPerWindow; j++)
            {
                if (!entry.TryToAffine(out var affine))
                {
                    throw new InvalidOperationException($"secp256k1 generator table: entry [{i}][{j}] is the point at infinity");
                }

                var at = ((i * EntriesPerWindow) + j) * LimbsPerEntry;
                (entries[at], entries[at + 1], entries[at + 2], entries[at + 3]) = (affine.X.L0, affine.X.L1, affine.X.L2, affine.X.L3);
                (entries[at + 4], entries[at + 5], entries[at + 6], entries[at + 7]) = (affine.Y.L0, affine.Y.L1, affine.Y.L2, affine.Y.L3);
                entry = JacobianPoint.Add(entry, windowBase);
            }

            offsetsSoFar = JacobianPoint.Add(offsetsSoFar, offset);
            offset = JacobianPoint.Double(offset);
            for (var d = 0; d < Width; d++)
            {
                windowBase = JacobianPoint.Double(windowBase);
            }
        }

        Verify(entries);
        return entries;
    }

    /// <summary>
    /// Refuses a wrong table before any key uses it: every entry must lie on the curve, and both lookups must agree
    /// with a different algorithm, the width-5 NAF double-and-add of <see cref="PointMultiplication"/>, on scalars
    /// that together select every entry.
    /// </summary>
    private static void Verify(ulong[] table)
    {
        for (var i = 0; i < Windows; i++)
        {
            for (var j = 0; j < EntriesPerWindow; j++)
            {
                if (!Entry(table, i, j).IsOnCurve)
                {
                    throw new InvalidOperationException($"secp256k1 generator table: entry [{i}][{j}] is not on the curve");
                }
            }
        }

        if (!Multiply(table, Scalar.Zero).IsInfinity || !MultiplyPublic(table, Scalar.Zero).IsInfinity)
        {
            throw new InvalidOperationException("secp256k1 generator table: 0 * G is not the point at infinity");
        }

        // Check d + 3 has digit (i + d) mod 64 in window i (the top window keeps the 4 bits it has), so together they
        // use every entry a scalar below 2^256 can select; then 1, 2 and n - 1.
        Span<Scalar> checks = stackalloc Scalar[EntriesPerWindow + 3];
        Span<byte> bytes = stackalloc byte[32];
        for (var d = 0; d < EntriesPerWindow; d++)
        {
            var value = System.Numerics.BigInteger.Zero;
            for (var i = 0; i < Windows; i++)
            {
                value |= new System.Numerics.BigInteger((i + d) % EntriesPerWindow) << (i * Width);
            }

            value &= (System.Numerics.BigInteger.One << 256) - 1;
            var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
            bytes.Clear();
            raw.CopyTo(bytes[(32 - raw.Length)..]);
            if (!Scalar.TryRead(bytes, out checks[d + 3]))
            {
                throw new InvalidOperationException("secp256k1 generator table: a check scalar is not below n");
            }
        }

        checks[0] = Scalar.One;
        checks[1] = new Scalar(2, 0, 0, 0);
        checks[2] = Scalar.Negate(Scalar.One);
        foreach (var k in checks)
        {
            PointMultiplication.Multiply(JacobianPoint.FromAffine(AffinePoint.G), k).TryToAffine(out var expected);
            if (!Multiply(table, k).TryToAffine(out var scanned) || scanned != expected
                || !MultiplyPublic(table, k).TryToAffine(out var indexed) || indexed != expected)
            {
                throw new InvalidOperationException("secp256k1 generator table: a table multiple of G disagrees with double-and-add");
            }
        }
    }

    /// <summary>H: the first curve point whose x is SHA-256 of a fixed label and a counter (try and increment).</summary>
    internal static AffinePoint OffsetPoint()
    {
        Span<byte> hash = stackalloc byte[32];
        for (var counter = 0; ; counter++)
        {
            SHA256.HashData(Encoding.ASCII.GetBytes($"PerpStudio secp256k1 generator table offset {counter}"), hash);
            if (FieldElement.TryRead(hash, out var x) && AffinePoint.TryFromX(x, oddY: false, out var point))
            {
                return point;
            }
        }
    }
}
