using Cooperation.Delegations;

ServiceHost.Run(args, builder => builder.AddDelegations(), app => app.MapDelegations());
