import Foundation
import Testing

@testable import XSGPlot

@Suite struct AxisTests {
  @Test func linearMapIsAffine() {
    let axis = Axis(scale: .linear, domain: 0...500, ticks: [])
    #expect(axis.map(0, from: 40, to: 240) == 40)
    #expect(axis.map(500, from: 40, to: 240) == 240)
    #expect(axis.map(125, from: 40, to: 240) == 90)
    // y axes run upwards: the low end maps to the bottom pixel.
    #expect(axis.map(250, from: 100, to: 0) == 50)
  }

  @Test func logMapIsEvenPerDecade() throws {
    let axis = Axis(scale: .log, domain: 1e-3...1, ticks: [])
    let bottom = 100.0
    let top = 10.0
    let at = { (v: Double) in try #require(axis.map(v, from: bottom, to: top)) }
    #expect(try at(1e-3) == 100)
    #expect(abs(try at(1) - 10) < 1e-9)
    #expect(abs(try at(1e-2) - 70) < 1e-9)
    #expect(abs(try at(pow(10, -1.5)) - 55) < 1e-9)
    #expect(axis.map(0, from: bottom, to: top) == nil)
    #expect(axis.map(-1, from: bottom, to: top) == nil)
  }

  @Test func symlogShowsZeroAndNegativesSymmetrically() throws {
    let axis = Axis(scale: .symlog(threshold: 1), domain: -100...100, ticks: [])
    #expect(try #require(axis.fraction(0)) == 0.5)
    let up = try #require(axis.fraction(10))
    let down = try #require(axis.fraction(-10))
    #expect(abs(up + down - 1) < 1e-12)
  }

  @Test func fittedAxesIgnoreWhatTheScaleCannotShow() {
    let axis = Axis(fitting: [0, -1, 0.002, 0.5, .nan], scale: .log, loose: true)
    #expect(axis.domain == 0.001...1)
    #expect(axis.ticks.map(\.label) == ["10⁻³", "10⁻²", "10⁻¹", "1"])
  }

  @Test func tightAxesKeepTheDataRange() {
    let axis = Axis(fitting: [0, 137, 480], scale: .linear, loose: false)
    #expect(axis.domain == 0...480)
    #expect(axis.ticks.map(\.value) == [0, 100, 200, 300, 400])
  }

  @Test func aConstantSeriesStillGetsARange() {
    let axis = Axis(fitting: [2, 2, 2], scale: .linear, loose: true)
    #expect(axis.domain.lowerBound < 2 && axis.domain.upperBound > 2)
    let log = Axis(fitting: [0.5], scale: .log, loose: true)
    #expect(log.domain.lowerBound < 0.5 && log.domain.upperBound > 0.5)
  }
}
