namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// Inversion (Fermat: a^(p-2)) and square root (p = 3 mod 4: a^((p+1)/4)) by fixed addition chains. The chains
/// depend only on p, so both run in time independent of a.
/// </summary>
internal readonly partial struct FieldElement
{
    /// <summary>a^-1, and 0 for 0.</summary>
    public static FieldElement Invert(in FieldElement a)
    {
        // p - 2 in binary: 223 ones, a zero, 22 ones, then 0000101101.
        var x223 = Ones223(a, out var x2, out var x22);
        var t = SquareTimes(x223, 23);
        t = Multiply(t, x22);
        t = SquareTimes(t, 5);
        t = Multiply(t, a);
        t = SquareTimes(t, 3);
        t = Multiply(t, x2);
        t = SquareTimes(t, 2);
        return Multiply(t, a);
    }

    /// <summary>A square root of a when a is a square mod p (then root^2 == a); false otherwise.</summary>
    public static bool TrySquareRoot(in FieldElement a, out FieldElement root)
    {
        // (p + 1) / 4 in binary: 223 ones, a zero, 22 ones, then 00001100.
        var x223 = Ones223(a, out var x2, out var x22);
        var t = SquareTimes(x223, 23);
        t = Multiply(t, x22);
        t = SquareTimes(t, 6);
        t = Multiply(t, x2);
        root = SquareTimes(t, 2);
        return Square(root) == a;
    }

    /// <summary>a^(2^223 - 1), with a^(2^2 - 1) and a^(2^22 - 1) on the way (x_k is a raised to k one bits).</summary>
    private static FieldElement Ones223(in FieldElement a, out FieldElement x2, out FieldElement x22)
    {
        x2 = Multiply(Square(a), a);
        var x3 = Multiply(Square(x2), a);
        var x6 = Multiply(SquareTimes(x3, 3), x3);
        var x9 = Multiply(SquareTimes(x6, 3), x3);
        var x11 = Multiply(SquareTimes(x9, 2), x2);
        x22 = Multiply(SquareTimes(x11, 11), x11);
        var x44 = Multiply(SquareTimes(x22, 22), x22);
        var x88 = Multiply(SquareTimes(x44, 44), x44);
        var x176 = Multiply(SquareTimes(x88, 88), x88);
        var x220 = Multiply(SquareTimes(x176, 44), x44);
        return Multiply(SquareTimes(x220, 3), x3);
    }

    private static FieldElement SquareTimes(FieldElement a, int times)
    {
        for (var i = 0; i < times; i++)
        {
            a = Square(a);
        }

        return a;
    }
}
