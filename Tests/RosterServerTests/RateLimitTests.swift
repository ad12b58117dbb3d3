import RosterServer
import SCIM
import Testing

@testable import RosterServer

@Suite struct TokenBucketTests {
    let limit = RateLimit(perSecond: 2, burst: 3)
    let start = ContinuousClock.now

    @Test func aFullBucketLetsTheBurstThroughThenRefusesWithWholeSeconds() {
        var bucket = TokenBucket(limit: limit, now: start)
        #expect(bucket.take(limit: limit, now: start) == nil)
        #expect(bucket.take(limit: limit, now: start) == nil)
        #expect(bucket.take(limit: limit, now: start) == nil)
        // Empty: one token comes in 0.5 s, which Retry-After rounds up to 1.
        #expect(bucket.take(limit: limit, now: start) == 1)
    }

    @Test func tokensComeBackAtTheRateAndNoFasterThanTheBurst() {
        var bucket = TokenBucket(limit: limit, now: start)
        for _ in 0..<3 { _ = bucket.take(limit: limit, now: start) }
        #expect(bucket.take(limit: limit, now: start + .milliseconds(499)) == 1)
        #expect(bucket.take(limit: limit, now: start + .milliseconds(500)) == nil)
        // An hour later the bucket holds its burst, not 7,200 tokens.
        let later = start + .seconds(3600)
        for _ in 0..<3 { #expect(bucket.take(limit: limit, now: later) == nil) }
        #expect(bucket.take(limit: limit, now: later) != nil)
    }

    @Test func retryAfterCountsTheSecondsUntilATokenAtSlowRates() {
        let slow = RateLimit(perSecond: 0.1, burst: 1)
        var bucket = TokenBucket(limit: slow, now: start)
        _ = bucket.take(limit: slow, now: start)
        #expect(bucket.take(limit: slow, now: start) == 10)
        #expect(bucket.take(limit: slow, now: start + .seconds(7)) == 3)
    }

    @Test func checkingDoesNotTakeAToken() {
        var bucket = TokenBucket(limit: limit, now: start)
        for _ in 0..<10 { #expect(bucket.take(limit: limit, now: start, consume: false) == nil) }
        #expect(bucket.isFull(limit: limit, now: start))
    }
}

@Suite struct RateLimiterTests {
    @Test func eachClientHasItsOwnBucket() {
        let limiter = RateLimiter(limit: RateLimit(perSecond: 1, burst: 1))
        let now = ContinuousClock.now
        #expect(limiter.take("a", now: now) == nil)
        #expect(limiter.take("a", now: now) == 1)
        #expect(limiter.take("b", now: now) == nil)
    }

    @Test func checkForgetsAClientOnceItsBucketHasRefilled() {
        let limiter = RateLimiter(limit: RateLimit(perSecond: 1, burst: 2))
        let now = ContinuousClock.now
        #expect(!limiter.isTracking)
        _ = limiter.take("10.0.0.9", now: now)
        _ = limiter.take("10.0.0.9", now: now)
        #expect(limiter.check("10.0.0.9", now: now) == 1)
        #expect(limiter.isTracking)
        #expect(limiter.check("10.0.0.9", now: now + .seconds(2)) == nil)
        #expect(!limiter.isTracking)
    }

    @Test func theTableStaysBounded() {
        let limiter = RateLimiter(limit: RateLimit(perSecond: 1, burst: 1), capacity: 100)
        let now = ContinuousClock.now
        for client in 0..<1000 { _ = limiter.take("client-\(client)", now: now) }
        #expect(limiter.trackedClients <= 100)
    }
}

@Suite struct RateLimitParsingTests {
    @Test(arguments: [
        ("100/s", 100.0), ("6000/m", 100.0), ("7200/h", 2.0), ("2.5", 2.5), (" 10/S ", 10.0),
    ])
    func readsARate(text: String, perSecond: Double) throws {
        let limit = try #require(try RateLimit.parse(text, burst: 5))
        #expect(limit.perSecond == perSecond)
        #expect(limit.burst == 5)
    }

    @Test(arguments: ["0", "off", "0/s"])
    func zeroTurnsItOff(text: String) throws {
        #expect(try RateLimit.parse(text, burst: 200) == nil)
    }

    @Test(arguments: ["fast", "100/d", "-1/s", "1/s/s", ""])
    func refusesOtherText(text: String) {
        #expect(throws: RateLimitSyntaxError.self) { try RateLimit.parse(text, burst: 200) }
    }
}

@Suite struct RefusalReasonTests {
    @Test func namesTheRefusalsAnOperatorActsOn() {
        #expect(RefusalReason(SCIMError.unauthorized("No API key")) == .auth)
        #expect(RefusalReason(SCIMError.forbidden("Seat limit reached (5 of 5 active members): …")) == .seatLimit)
        #expect(RefusalReason(SCIMError.forbidden("SCIM provisioning requires the Enterprise plan; …")) == .plan)
        #expect(RefusalReason(SCIMError.invalidValue("phoneNumbers[0] \"12\" is not a valid phone number: expected …")) == .phone)
        #expect(RefusalReason(SCIMError(status: 429, detail: "Too many requests")) == .rateLimit)
        #expect(RefusalReason(SCIMError.uniqueness("userName taken")) == nil)
        #expect(RefusalReason(SCIMError.invalidFilter("bad")) == nil)
    }
}
