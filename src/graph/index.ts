export * from './graph.js';
export { GraphBuilder, type EdgeInput } from './builder.js';
export { identityResolver, ExactKeyResolver, contactKeys, type PartyResolution, type Resolver } from './resolver.js';
export { GraphFeed, EDGE_FLAG, parseShare, type FeedOptions, type FeedResult } from './feed.js';
export { buildGraphFromStore, extendGraph, RESOLUTIONS, type Resolution, type StoreGraphOptions } from './from-store.js';
export { compileFilter, type Direction, type EdgeFilter } from './traverse.js';
export { neighbourhood, type Neighbourhood, type NeighbourhoodOptions } from './neighbourhood.js';
export { shortestPath, strongestPath, type PathOptions, type PathResult } from './paths.js';
export {
  riskSeeds,
  hopsToRisk,
  pathToRisk,
  personalisedPageRank,
  ConvergenceError,
  DEFAULT_TYPE_WEIGHTS,
  type Seeds,
  type SeedOptions,
  type HopsToRisk,
  type PageRankOptions,
  type PageRankResult,
} from './exposure.js';
export { fiftyPercentRule, type BlockedByOwnership, type BlockedStake, type FiftyPercentResult } from './fifty-percent.js';
export { louvain, type Communities, type LouvainOptions } from './louvain.js';
export { flowBetweenness, FORWARD, BACKWARD, type FlowBetweenness, type FlowBetweennessInput } from './betweenness.js';
export { tracedBetweenness, type TracedBetweennessInput } from './flow-tracing.js';
export { articulationPoints, type ArticulationPoint } from './articulation.js';
export { minVertexCut, type MinCut, type MinCutInput } from './min-cut.js';
export {
  chokepoints,
  DEFAULT_CHOKEPOINT_WEIGHTS,
  type Chokepoint,
  type ChokepointOptions,
  type ChokepointResult,
  type ChokepointWeights,
} from './chokepoints.js';
export { complicityIndicators, type ComplicityIndicator } from './complicity.js';
export { toGraphml, toGexf, xmlEscape, type Subgraph } from './export-xml.js';
export { subgraphToFtm, paymentEntity, shipmentLeg, type FtmSource } from './export-ftm.js';
export { frontClusters, type FrontCluster } from './front-clusters.js';
export { flowRise, latestFlowTime, type FlowRise, type FlowRiseOptions } from './flow-rise.js';
export { networkAlerts, membersOf, NETWORK_DETECTOR_ID, NETWORK_DETECTOR_VERSION } from './network-alerts.js';
export { networkDetector } from './detector.js';
export {
  loadNetworkPolicy,
  parseNetworkPolicy,
  NetworkPolicyError,
  NetworkPolicySchema,
  DEFAULT_NETWORK_POLICY_FILE,
  type NetworkPolicy,
  type NetworkPolicyData,
} from './policy.js';
export {
  loadNetwork,
  findNode,
  parseTypes,
  networkQuery,
  pathQuery,
  chokepointsQuery,
  exposureQuery,
  NotFoundError,
  type LoadedNetwork,
  type NetworkAnswer,
  type PathAnswer,
  type ChokepointAnswer,
  type ExposureAnswer,
} from './queries.js';
export { CHOKEPOINT_ROLES, rankingQuality, truthRoles, type RankingQuality } from './quality.js';
