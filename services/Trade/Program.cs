using Cooperation.Trade;

ServiceHost.Run(args, builder => builder.AddTrade(), app => app.MapTrade());
