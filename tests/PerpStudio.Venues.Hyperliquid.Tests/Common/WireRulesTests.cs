using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.Tests.Common;

public sealed class WireRulesTests
{
    [Theory]
    [InlineData("100", "100")]
    [InlineData("1670.1", "1670.1")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("30000.50000000", "30000.5")]
    [InlineData("0", "0")]
    [InlineData("-0.0", "0")]
    public void Numbers_are_normalized_decimal_strings(string input, string wire) =>
        ExchangeActions.Number(Price.Parse(input)).ShouldBe(wire);

    [Theory]
    [InlineData("30135", 5, true)]
    [InlineData("30135.5", 5, false)] // six figures
    [InlineData("123456", 5, true)] // integers always pass
    [InlineData("1903.9", 4, true)]
    [InlineData("1903.95", 4, false)]
    [InlineData("0.001565", 0, true)]
    [InlineData("0.0015655", 0, false)] // seven decimals
    [InlineData("1.2345", 2, true)]
    [InlineData("1.23456", 2, false)] // five figures but only four decimals allowed
    public void Prices_follow_five_significant_figures_and_the_decimals_cap(string price, int szDecimals, bool valid) =>
        HyperliquidPriceRules.IsValidPrice(Price.Parse(price), szDecimals).ShouldBe(valid);

    [Theory]
    [InlineData("30135.7", Rounding.Floor, "30135")]
    [InlineData("30135.2", Rounding.Ceiling, "30136")]
    [InlineData("99999.5", Rounding.Ceiling, "100000")]
    [InlineData("1.234567", Rounding.Floor, "1.2345")]
    public void Rounding_names_its_direction(string price, Rounding rounding, string expected) =>
        HyperliquidPriceRules.RoundPrice(Price.Parse(price), 2, rounding).ShouldBe(Price.Parse(expected));

    [Fact]
    public void Any_rounded_price_is_valid_and_on_the_asked_side()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(
            Gen.Choose(1, int.MaxValue).Select(v => (long)v * 37).ToArbitrary(),
            Gen.Choose(0, 6).ToArbitrary(),
            (units, szDecimals) =>
            {
                var price = new Price(units);
                var down = HyperliquidPriceRules.RoundPrice(price, szDecimals, Rounding.Floor);
                var up = HyperliquidPriceRules.RoundPrice(price, szDecimals, Rounding.Ceiling);
                return HyperliquidPriceRules.IsValidPrice(up, szDecimals)
                    && (down.IsZero || HyperliquidPriceRules.IsValidPrice(down, szDecimals))
                    && down <= price && price <= up;
            }));
    }

    [Fact]
    public void A_client_order_id_always_maps_to_the_same_16_byte_cloid()
    {
        var first = Cloid.For(new ClientOrderId("trader-7:order-42"));
        var again = Cloid.For(new ClientOrderId("trader-7:order-42"));
        var other = Cloid.For(new ClientOrderId("trader-7:order-43"));

        first.ShouldBe(again);
        first.ShouldNotBe(other);
        first.Hex.Length.ShouldBe(34);
        first.Hex.ShouldBe(first.Hex.ToLowerInvariant());
        Cloid.Parse(first.Hex.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)).ShouldBe(first);
        Should.Throw<FormatException>(() => Cloid.Parse("0x1234"));
    }
}
