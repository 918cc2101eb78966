using System.Globalization;
using PerpStudio.Api.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using Proto = PerpStudio.Contracts.V1;

namespace PerpStudio.Api.Grpc;

/// <summary>
/// Reads request fields into exact domain values, refusing with INVALID_ARGUMENT that names the field: an unparseable
/// or too precise decimal, an UNSPECIFIED or unknown enum where one is required, a malformed id. Shared by the gRPC
/// services and the web frontend so both refuse the same input the same way.
/// </summary>
public static class FieldParser
{
    private const int MaxEcho = 40;

    /// <summary>A required price (8 decimals), greater than zero.</summary>
    public static Price Price(string? text, string field) => OptionalPrice(text, field) ?? throw Required(field);

    /// <summary>An optional price: empty gives null.</summary>
    public static Price? OptionalPrice(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var value = Exact<Price>(text, field, Domain.Primitives.Price.Scale, s => Domain.Primitives.Price.TryParse(s, out var v) ? v : null);
        return value.IsPositive ? value : throw NotPositive(field, text);
    }

    /// <summary>A required size (8 decimals), greater than zero.</summary>
    public static Quantity Size(string? text, string field) => OptionalSize(text, field) ?? throw Required(field);

    /// <summary>An optional size: empty gives null.</summary>
    public static Quantity? OptionalSize(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var value = Exact<Quantity>(text, field, Quantity.Scale, s => Quantity.TryParse(s, out var v) ? v : null);
        return value.IsPositive ? value : throw NotPositive(field, text);
    }

    /// <summary>A required amount of money (6 decimals), greater than zero.</summary>
    public static Money PositiveMoney(string? text, string field)
    {
        var value = SignedMoney(text, field);
        return value.IsPositive ? value : throw NotPositive(field, text!);
    }

    /// <summary>A required signed amount of money (6 decimals).</summary>
    public static Money SignedMoney(string? text, string field) =>
        string.IsNullOrEmpty(text) ? throw Required(field) : Exact<Money>(text, field, Money.Scale, s => Money.TryParse(s, out var v) ? v : null);

    /// <summary>An optional non-negative amount of money: empty gives zero.</summary>
    public static Money OptionalMoney(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Money.Zero;
        }

        var value = SignedMoney(text, field);
        return value.IsNegative ? throw new ApiException(ApiError.Invalid(field, $"{Leaf(field)}_negative", $"{field} must not be negative, got {Echo(text)}")) : value;
    }

    /// <summary>A required rate (10 decimals), any sign.</summary>
    public static Rate Rate(string? text, string field) =>
        string.IsNullOrEmpty(text) ? throw Required(field) : Exact<Rate>(text, field, Domain.Primitives.Rate.Scale, s => Domain.Primitives.Rate.TryParse(s, out var v) ? v : null);

    /// <summary>An optional rate: empty gives zero.</summary>
    public static Rate OptionalRate(string? text, string field) => string.IsNullOrEmpty(text) ? Domain.Primitives.Rate.Zero : Rate(text, field);

    /// <summary>A required market symbol.</summary>
    public static MarketId Market(string? text, string field = "market") =>
        OptionalMarket(text, field) ?? throw Required(field);

    /// <summary>An optional market symbol: empty gives null.</summary>
    public static MarketId? OptionalMarket(string? text, string field = "market")
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var ok = text.Length <= 32 && IsMarketSymbol(text);
        return ok ? new MarketId(text) : throw new ApiException(ApiError.Invalid(field, "market_invalid", $"'{Echo(text)}' is not a market symbol like BTC-USD"));
    }

    // a loop, not LINQ: every order names a market, and enumerating a string through IEnumerable allocates
    private static bool IsMarketSymbol(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A required client order id.</summary>
    public static ClientOrderId ClientOrderId(string? text, string field = "client_order_id") =>
        OptionalClientOrderId(text, field) ?? throw Required(field);

    /// <summary>An optional client order id.</summary>
    public static ClientOrderId? OptionalClientOrderId(string? text, string field = "client_order_id")
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Domain.Orders.ClientOrderId.IsValid(text)
            ? new ClientOrderId(text)
            : throw new ApiException(ApiError.Invalid(field, $"{field}_invalid", $"{field} must be 1..64 characters of letters, digits, '-', '_' and ':', got '{Echo(text)}'"));
    }

    /// <summary>A required idempotency key (same rules as client order ids).</summary>
    public static string IdempotencyKey(string? text, string field) => ClientOrderId(text, field).Value;

    /// <summary>A required 0x address.</summary>
    public static EthereumAddress Address(string? text, string field) => OptionalAddress(text, field) ?? throw Required(field);

    /// <summary>An optional 0x address.</summary>
    public static EthereumAddress? OptionalAddress(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return EthereumAddress.TryParse(text, out var address)
            ? address
            : throw new ApiException(ApiError.Invalid(field, "address_invalid", $"'{Echo(text)}' is not a 0x-prefixed 20-byte address with a valid checksum"));
    }

    /// <summary>A required side.</summary>
    public static Side Side(Proto.Side side, string field = "side") => side switch
    {
        Proto.Side.Buy => Domain.Primitives.Side.Buy,
        Proto.Side.Sell => Domain.Primitives.Side.Sell,
        Proto.Side.Unspecified => throw Required(field),
        _ => throw Unknown(field, (int)side),
    };

    /// <summary>A required order type.</summary>
    public static OrderType OrderType(Proto.OrderType type) => type switch
    {
        Proto.OrderType.Market => Domain.Orders.OrderType.Market,
        Proto.OrderType.Limit => Domain.Orders.OrderType.Limit,
        Proto.OrderType.Unspecified => throw Required("type"),
        _ => throw Unknown("type", (int)type),
    };

    /// <summary>A time in force; UNSPECIFIED gives <paramref name="fallback"/> when there is one.</summary>
    public static TimeInForce TimeInForce(Proto.TimeInForce tif, TimeInForce? fallback) => tif switch
    {
        Proto.TimeInForce.Gtc => Domain.Orders.TimeInForce.Gtc,
        Proto.TimeInForce.Ioc => Domain.Orders.TimeInForce.Ioc,
        Proto.TimeInForce.PostOnly => Domain.Orders.TimeInForce.PostOnly,
        Proto.TimeInForce.Unspecified => fallback ?? throw Required("time_in_force"),
        _ => throw Unknown("time_in_force", (int)tif),
    };

    /// <summary>A required margin mode.</summary>
    public static MarginMode MarginMode(Proto.MarginMode mode, string field = "margin_mode") => mode switch
    {
        Proto.MarginMode.Cross => Domain.Orders.MarginMode.Cross,
        Proto.MarginMode.Isolated => Domain.Orders.MarginMode.Isolated,
        Proto.MarginMode.Unspecified => throw Required(field),
        _ => throw Unknown(field, (int)mode),
    };

    /// <summary>A trigger kind; UNSPECIFIED means none.</summary>
    public static TriggerKind Trigger(Proto.TriggerKind kind) => kind switch
    {
        Proto.TriggerKind.Unspecified or Proto.TriggerKind.None => TriggerKind.None,
        Proto.TriggerKind.TakeProfit => TriggerKind.TakeProfit,
        Proto.TriggerKind.StopLoss => TriggerKind.StopLoss,
        _ => throw Unknown("trigger", (int)kind),
    };

    /// <summary>A leverage from a uint field: 0 (keep/default) or 1..1000.</summary>
    public static int Leverage(uint value, string field = "leverage") =>
        value <= 1000 ? (int)value : throw new ApiException(ApiError.Invalid(field, "leverage_out_of_range", $"{field} {value} is above 1000"));

    /// <summary>A time from unix milliseconds (0 gives <paramref name="fallback"/>).</summary>
    public static DateTimeOffset Time(long unixMs, string field, DateTimeOffset fallback)
    {
        if (unixMs == 0)
        {
            return fallback;
        }

        return unixMs is > 0 and < 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
            : throw new ApiException(ApiError.Invalid(field, $"{field}_invalid", $"{field} {unixMs} is not a unix time in milliseconds"));
    }

    /// <summary>A page cursor (a sequence number) and limit.</summary>
    public static Grains.Abstractions.PageRequest Page(Proto.Page? page)
    {
        if (page is null)
        {
            return new Grains.Abstractions.PageRequest(null, 100);
        }

        long? before = null;
        if (page.Cursor.Length > 0)
        {
            before = long.TryParse(page.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0
                ? c
                : throw new ApiException(ApiError.Invalid("page.cursor", "cursor_invalid", $"'{Echo(page.Cursor)}' is not a cursor returned by this API"));
        }

        if (page.Limit > Grains.Abstractions.PageRequest.MaxLimit)
        {
            throw new ApiException(ApiError.Invalid("page.limit", "limit_out_of_range", $"page.limit {page.Limit} is above {Grains.Abstractions.PageRequest.MaxLimit}"));
        }

        return new Grains.Abstractions.PageRequest(before, page.Limit == 0 ? 100 : (int)page.Limit);
    }

    /// <summary>A refusal for a missing field.</summary>
    public static ApiException Required(string field) => new(ApiError.Required(field));

    private static T Exact<T>(string text, string field, long scale, Func<string, T?> parse)
        where T : struct
    {
        if (parse(text) is { } value)
        {
            return value;
        }

        var decimals = Domain.Primitives.ScaledDecimal.Decimals(scale);
        var trimmed = text.Trim();
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        var fraction = dot < 0 ? string.Empty : trimmed[(dot + 1)..].TrimEnd('0');
        var plain = trimmed.Length > 0 && trimmed.TrimStart('-', '+').All(c => char.IsAsciiDigit(c) || c == '.') && trimmed.Count(c => c == '.') <= 1;
        var message = plain && fraction.Length > decimals
            ? $"'{Echo(text)}' has more than {decimals} decimals"
            : plain ? $"'{Echo(text)}' is out of range" : $"'{Echo(text)}' is not an exact decimal (digits, one optional '.', no exponent)";
        var code = plain && fraction.Length > decimals ? $"{Leaf(field)}_too_precise" : $"{Leaf(field)}_invalid";
        throw new ApiException(ApiError.Invalid(field, code, message));
    }

    private static ApiException NotPositive(string field, string text) =>
        new(ApiError.Invalid(field, $"{Leaf(field)}_not_positive", $"{field} must be greater than zero, got {Echo(text)}"));

    private static ApiException Unknown(string field, int value) =>
        new(ApiError.Invalid(field, $"{Leaf(field)}_invalid", $"{value} is not a valid {field}"));

    private static string Leaf(string field)
    {
        var dot = field.LastIndexOf('.');
        var leaf = dot < 0 ? field : field[(dot + 1)..];
        var bracket = leaf.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? leaf : leaf[..bracket];
    }

    private static string Echo(string text)
    {
        var clipped = text.Length <= MaxEcho ? text : text[..MaxEcho] + "...";
        return new string([.. clipped.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
    }
}
