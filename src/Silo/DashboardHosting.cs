using IncidentActors.GrpcFrontend.Access;
using Orleans.Dashboard;

namespace IncidentActors.Silo;

/// <summary>
/// The Orleans Dashboard (grains, silos, calls and their timings) at <see cref="PathBase"/> on the HTTP port: on in
/// Development, open to this machine; elsewhere off unless <c>IncidentActors:Api:Dashboard</c> is true, and then only for
/// organisation-wide org admins' bearer tokens.
/// </summary>
internal static class DashboardHosting
{
    public const string PathBase = "/dashboard";

    public static WebApplicationBuilder AddIncidentActorsDashboard(this WebApplicationBuilder builder, ApiSettings api)
    {
        if (api.DashboardOn(builder.Environment))
        {
            // The same silo the host configured: UseOrleans called again adds to it.
            builder.UseOrleans(orleans => orleans.AddDashboard());
        }
        return builder;
    }

    public static WebApplication MapIncidentActorsDashboard(this WebApplication app, ApiSettings api)
    {
        if (api.DashboardOn(app.Environment))
        {
            app.UseDoorAt(PathBase, OperatorAccess.DashboardRefusal, openOnLoopback: app.Environment.IsDevelopment());
            app.MapOrleansDashboard(routePrefix: PathBase);
        }
        return app;
    }
}
