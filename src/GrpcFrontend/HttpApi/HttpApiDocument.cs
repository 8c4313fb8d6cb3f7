using IncidentActors.GrpcFrontend.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi.Models;

namespace IncidentActors.GrpcFrontend.HttpApi;

/// <summary>
/// The HTTP/JSON API: every RPC transcoded at the route of its <c>google.api.http</c> rule (<c>POST /v1/{Service}/{Method}</c>,
/// the request message as the JSON body), and the OpenAPI document describing it, generated from the same rules with the
/// protos' comments as descriptions.
/// </summary>
public static class HttpApiDocument
{
    public const string DocumentName = "v1";

    /// <summary>Where the document is served; <c>{documentName}</c> is <see cref="DocumentName"/>.</summary>
    public const string RouteTemplate = "/openapi/{documentName}.json";

    public const string PathBase = "/openapi";

    public const string DocumentPath = PathBase + "/" + DocumentName + ".json";

    public static IServiceCollection AddHttpApiDocument(this IServiceCollection services)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "IncidentActors",
                Version = DocumentName,
                Description = "The gRPC API as HTTP/JSON: each RPC is POST /v1/{Service}/{Method} with its request message as the JSON body "
                    + "(proto field names in lowerCamelCase). Server-streaming RPCs answer newline-delimited JSON.",
            });
            var bearer = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A person's OpenID Connect token, or an integration key (iak.<key id>.<secret>).",
                Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" },
            };
            o.AddSecurityDefinition("bearer", bearer);
            o.AddSecurityRequirement(new OpenApiSecurityRequirement { [bearer] = [] });
            // The generated messages and services carry the protos' comments as XML documentation.
            var comments = Path.Combine(AppContext.BaseDirectory, $"{typeof(HttpApiDocument).Assembly.GetName().Name}.xml");
            if (File.Exists(comments))
            {
                o.IncludeXmlComments(comments);
                o.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
        });
        return services;
    }

    /// <summary>
    /// The document, to any authenticated caller as reflection is; in Development, also to loopback callers without a token,
    /// with Swagger UI at <c>/openapi/ui</c>.
    /// </summary>
    public static WebApplication MapHttpApiDocument(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        app.UseDoorAt(PathBase, OperatorAccess.DocumentRefusal, openOnLoopback: development);
        if (development)
        {
            app.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "openapi/ui";
                o.SwaggerEndpoint(DocumentPath, "IncidentActors " + DocumentName);
            });
        }
        app.MapSwagger(RouteTemplate);
        return app;
    }
}
