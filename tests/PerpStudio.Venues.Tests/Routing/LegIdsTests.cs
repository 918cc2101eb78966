using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Venues.Tests.Routing;

public sealed class LegIdsTests
{
    private static readonly OrderOwner Owner = new("op-1", "trader-1");
    private static readonly ClientOrderId Order = new("my-order-1");

    [Fact]
    public void A_leg_id_is_deterministic_26_characters_and_a_valid_client_order_id()
    {
        var id = LegIds.Derive(Owner, Order, 0);

        id.ShouldBe(LegIds.Derive(Owner, Order, 0));
        id.Value.Length.ShouldBe(26);
        ClientOrderId.IsValid(id.Value).ShouldBeTrue();
        id.Value.ShouldMatch("^[a-z2-7]{26}$");
    }

    [Fact]
    public void Leg_ids_differ_by_operator_trader_order_and_leg_index()
    {
        var ids = new[]
        {
            LegIds.Derive(Owner, Order, 0),
            LegIds.Derive(Owner, Order, 1),
            LegIds.Derive(Owner, new ClientOrderId("my-order-2"), 0),
            LegIds.Derive(new OrderOwner("op-2", "trader-1"), Order, 0),
            LegIds.Derive(new OrderOwner("op-1", "trader-2"), Order, 0),

            // field boundaries cannot be shifted to forge another owner's id
            LegIds.Derive(new OrderOwner("op-1t", "rader-1"), Order, 0),
        };

        ids.Distinct().Count().ShouldBe(ids.Length);
    }

    [Fact]
    public void Reroute_indices_never_collide_with_plan_legs()
    {
        LegIds.IndexOf(3, 0).ShouldBe(3);
        LegIds.IndexOf(3, 2).ShouldBe(203);
        Should.Throw<ArgumentOutOfRangeException>(() => LegIds.IndexOf(LegIds.AttemptStride, 0));
    }
}
