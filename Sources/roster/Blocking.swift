import Dispatch
import Synchronization

/// Runs async work from synchronous code on a thread that is not part of Swift concurrency's pool (the console's
/// main thread) and waits for it. Never call it from a task: it blocks the calling thread.
func runBlocking<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
    let outcome = BlockingOutcome<Value>()
    Task.detached {
        do {
            outcome.finish(.success(try await work()))
        } catch {
            outcome.finish(.failure(error))
        }
    }
    return try outcome.wait()
}

/// The result of `runBlocking`'s task and the semaphore its caller waits on.
private final class BlockingOutcome<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ value: Result<Value, any Error>) {
        result.withLock { $0 = value }
        done.signal()
    }

    func wait() throws -> Value {
        done.wait()
        guard let value = result.withLock({ $0 }) else { preconditionFailure("signalled without a result") }
        return try value.get()
    }
}
