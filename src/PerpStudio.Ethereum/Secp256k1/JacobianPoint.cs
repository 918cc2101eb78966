using System.Runtime.CompilerServices;
using F = PerpStudio.Ethereum.Secp256k1.FieldElement;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// A point in Jacobian coordinates: (X, Y, Z) stands for the affine (X/Z^2, Y/Z^3); Z = 0 is the point at infinity.
/// Additions and doublings need no inversion, so a scalar multiplication inverts once, at the end.
/// </summary>
internal readonly struct JacobianPoint
{
    public static readonly JacobianPoint Infinity = new(F.One, F.One, F.Zero);

    public readonly F X;
    public readonly F Y;
    public readonly F Z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public JacobianPoint(in F x, in F y, in F z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public bool IsInfinity => Z.IsZero;

    public static JacobianPoint FromAffine(in AffinePoint point) => new(point.X, point.Y, F.One);

    /// <summary>2P for a = 0 ("dbl-2009-l"); infinity stays infinity because Z3 = 2 Y Z. Branch-free.</summary>
    public static JacobianPoint Double(in JacobianPoint p)
    {
        var a = F.Square(p.X);
        var b = F.Square(p.Y);
        var c = F.Square(b);
        var d = F.Double(F.Subtract(F.Subtract(F.Square(F.Add(p.X, b)), a), c));
        var e = F.Add(F.Double(a), a);
        var f = F.Square(e);
        var x3 = F.Subtract(f, F.Double(d));
        var eightC = F.Double(F.Double(F.Double(c)));
        var y3 = F.Subtract(F.Multiply(e, F.Subtract(d, x3)), eightC);
        var z3 = F.Double(F.Multiply(p.Y, p.Z));
        return new JacobianPoint(x3, y3, z3);
    }

    /// <summary>
    /// P + Q for affine Q ("madd-2004-hmv"), branch-free and incomplete: correct when P is finite and P != Q. For
    /// P = -Q it yields Z = 0, the point at infinity, which is the right answer; P = Q (a doubling) gives garbage,
    /// so callers must rule it out (the generator table does, see <see cref="GeneratorTable"/>).
    /// </summary>
    public static JacobianPoint AddUnchecked(in JacobianPoint p, in AffinePoint q)
    {
        var z1z1 = F.Square(p.Z);
        var u2 = F.Multiply(q.X, z1z1);
        var s2 = F.Multiply(q.Y, F.Multiply(p.Z, z1z1));
        var h = F.Subtract(u2, p.X);
        var r = F.Subtract(s2, p.Y);
        var hh = F.Square(h);
        var hhh = F.Multiply(h, hh);
        var v = F.Multiply(p.X, hh);
        var x3 = F.Subtract(F.Subtract(F.Square(r), hhh), F.Double(v));
        var y3 = F.Subtract(F.Multiply(r, F.Subtract(v, x3)), F.Multiply(p.Y, hhh));
        var z3 = F.Multiply(p.Z, h);
        return new JacobianPoint(x3, y3, z3);
    }

    /// <summary>P + Q for affine Q, every case handled (branches on public values: use with public points only).</summary>
    public static JacobianPoint Add(in JacobianPoint p, in AffinePoint q)
    {
        if (p.IsInfinity)
        {
            return FromAffine(q);
        }

        var sum = AddUnchecked(p, q);
        if (!sum.IsInfinity)
        {
            return sum;
        }

        // Z3 = Z1 * H is zero only when H = 0: Q = P (double it) or Q = -P (infinity).
        var z1z1 = F.Square(p.Z);
        var s2 = F.Multiply(q.Y, F.Multiply(p.Z, z1z1));
        return s2 == p.Y ? Double(p) : Infinity;
    }

    /// <summary>P + Q, both Jacobian, every case handled ("add-1998-cmo-2"; branches on public values only).</summary>
    public static JacobianPoint Add(in JacobianPoint p, in JacobianPoint q)
    {
        if (p.IsInfinity)
        {
            return q;
        }

        if (q.IsInfinity)
        {
            return p;
        }

        var z1z1 = F.Square(p.Z);
        var z2z2 = F.Square(q.Z);
        var u1 = F.Multiply(p.X, z2z2);
        var u2 = F.Multiply(q.X, z1z1);
        var s1 = F.Multiply(p.Y, F.Multiply(q.Z, z2z2));
        var s2 = F.Multiply(q.Y, F.Multiply(p.Z, z1z1));
        var h = F.Subtract(u2, u1);
        var r = F.Subtract(s2, s1);
        if (h.IsZero)
        {
            return r.IsZero ? Double(p) : Infinity;
        }

        var hh = F.Square(h);
        var hhh = F.Multiply(h, hh);
        var v = F.Multiply(u1, hh);
        var x3 = F.Subtract(F.Subtract(F.Square(r), hhh), F.Double(v));
        var y3 = F.Subtract(F.Multiply(r, F.Subtract(v, x3)), F.Multiply(s1, hhh));
        var z3 = F.Multiply(F.Multiply(p.Z, q.Z), h);
        return new JacobianPoint(x3, y3, z3);
    }

    public static JacobianPoint Negate(in JacobianPoint p) => new(p.X, F.Negate(p.Y), p.Z);

    /// <summary>The affine form; false for the point at infinity. The inversion is constant-time.</summary>
    public bool TryToAffine(out AffinePoint point)
    {
        if (IsInfinity)
        {
            point = default;
            return false;
        }

        var zInverse = F.Invert(Z);
        var zInverse2 = F.Square(zInverse);
        point = new AffinePoint(F.Multiply(X, zInverse2), F.Multiply(Y, F.Multiply(zInverse2, zInverse)));
        return true;
    }
}
