using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IncidentActors.Incidents;

public static class TimelineSigningRegistration
{
    /// <summary>
    /// The timeline key, checked when the silo starts. A development run works with no setup; anywhere else a missing
    /// key stops the silo, rather than let each silo sign with a key of its own that the others cannot verify.
    /// </summary>
    public static IServiceCollection AddTimelineSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TimelineSigningOptions>().Bind(configuration.GetSection(TimelineSigningOptions.Section))
            .Configure<IHostEnvironment>((o, environment) =>
            {
                if (o.TimelineKey.Length == 0 && environment.IsDevelopment())
                {
                    o.TimelineKey = DevelopmentTimelineKey.LoadOrCreate(DevelopmentTimelineKey.DefaultPath);
                }
            })
            .Validate(o => TimelineKey.TryParse(o.TimelineKey, out _), TimelineSigningOptions.KeyRequirement)
            .ValidateOnStart();
        services.AddSingleton(sp => TimelineKey.Parse(sp.GetRequiredService<IOptions<TimelineSigningOptions>>().Value.TimelineKey));
        return services;
    }
}
