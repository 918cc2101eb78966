using PerpStudio.Api.Application;

namespace PerpStudio.Api.Grpc;

/// <summary>
/// What each gRPC method needs of its caller, checked before the request is read so that an unauthenticated or
/// unauthorised call learns nothing from validation. The application services check again (the web calls them directly).
/// </summary>
public static class MethodAccess
{
    /// <summary>Throws UNAUTHENTICATED or PERMISSION_DENIED when <paramref name="caller"/> may not call the method.</summary>
    public static void Check(string service, string method, CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        switch (service)
        {
            case "perpstudio.v1.AuthService":
                return;
            case "perpstudio.v1.OperatorAdminService" when method == "CreateOperator":
                Access.RequirePlatform(caller);
                return;
            case "perpstudio.v1.OperatorAdminService" when method is "GetOperator" or "ListApiKeys" or "ListUsers" or "GetRevenueReport" or "GetAuditLog":
                Access.RequireOperatorReader(caller);
                return;
            case "perpstudio.v1.OperatorAdminService":
                Access.RequireAdmin(caller);
                return;
            case "perpstudio.v1.MarketDataService":
                Access.RequireOperator(caller);
                return;
            case "perpstudio.v1.AccountService" when method == "Deposit" && caller.Has(ApiScopes.Admin) && caller.Trader is null:
                Access.RequireAdmin(caller);
                return;
            case "perpstudio.v1.TradingService":
            case "perpstudio.v1.AccountService" when method is "Deposit" or "Withdraw":
                Access.RequireTrader(caller, ApiScopes.Trade);
                return;
            default:
                Access.RequireTrader(caller, ApiScopes.Read);
                return;
        }
    }
}
