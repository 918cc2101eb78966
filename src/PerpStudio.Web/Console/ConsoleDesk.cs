using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Console;

/// <summary>Reads the console's figures through OperatorAdminService with the admin's caller.</summary>
public sealed class ConsoleDesk(OperatorAdminService admin)
{
    /// <summary>The console for a signed-in admin.</summary>
    public async Task<ConsoleModel> ReadAsync(OperatorSite site, CallerContext caller, ApiError? refusal = null, string? notice = null, CreatedApiKey? secret = null,
        RevenueFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        var view = await admin.GetOperatorAsync(caller);
        var (audit, _) = await admin.GetAuditLogAsync(caller, null, 50);
        var revenue = await admin.GetRevenueAsync(caller);
        var (users, _) = await admin.ListUsersAsync(caller, 0, 50);
        var shown = filter ?? RevenueFilter.Recent;
        var report = await admin.GetRevenueReportAsync(caller, shown.From, shown.To, shown.Market);
        return new ConsoleModel(site with { Branding = view.Profile.Branding, Features = view.Profile.Features, Version = view.Profile.Version },
            view, audit, revenue, users, refusal, notice, secret) { Report = report, RevenueFilter = shown };
    }
}
