using IncidentActors.Silo;

await IncidentActorsHost.Build(args).RunAsync();
