#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a pthread mutex, for what several threads share: the schema cache of lint's
/// threads, the work a template's rules share while they run on several cores.
///
/// Not `Synchronization.Mutex`: on Linux a contended `Mutex` waits in the kernel
/// (priority-inheritance futexes), a hand-over ThreadSanitizer cannot see, so `make tsan`
/// reported every contended cache lookup as a race. ThreadSanitizer knows pthread mutexes.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Creates the lock around `value`.
    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// `body` with the value, while no other thread has it.
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

/// A value computed once, on first use, by whichever thread asks first; the others asking
/// meanwhile wait for it. Computing holds the lock, so a computation must not ask for itself.
public final class Once<Value>: @unchecked Sendable {
    private let slot = Locked<Value?>(nil)

    /// Creates an empty slot.
    public init() {}

    /// The value, computed by `make` if no thread has computed it yet.
    public func value(_ make: () -> Value) -> Value {
        slot.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }

    /// Whether the value has been computed.
    public var isComputed: Bool { slot.withLock { $0 != nil } }
}

/// A count of tasks still to finish, and a wait for the last of them.
public final class Latch: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let finished: UnsafeMutablePointer<pthread_cond_t>
    private var remaining: Int

    /// A latch that opens after `count` calls of `countDown`.
    public init(count: Int) {
        remaining = count
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        finished = .allocate(capacity: 1)
        finished.initialize(to: pthread_cond_t())
        pthread_cond_init(finished, nil)
    }

    deinit {
        pthread_cond_destroy(finished)
        finished.deinitialize(count: 1)
        finished.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// One task finished.
    public func countDown() {
        pthread_mutex_lock(mutex)
        remaining -= 1
        if remaining <= 0 { pthread_cond_broadcast(finished) }
        pthread_mutex_unlock(mutex)
    }

    /// Returns when every task has finished.
    public func wait() {
        pthread_mutex_lock(mutex)
        while remaining > 0 { pthread_cond_wait(finished, mutex) }
        pthread_mutex_unlock(mutex)
    }
}
