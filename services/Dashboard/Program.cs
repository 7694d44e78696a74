using Cooperation.Dashboard;

ServiceHost.Run(args, builder => builder.AddDashboard(), app => app.MapDashboard());
