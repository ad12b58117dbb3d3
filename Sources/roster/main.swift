// The `roster` executable: a thin ArgumentParser front over the store, the server and (later) the console.
await Roster.main()
