using Cooperation.Agreements;

ServiceHost.Run(args, builder => builder.AddAgreements(), app => app.MapAgreements());
