/**
 * The anti-discrimination feature's public module (docs/architecture.md, "Feature boundaries"):
 * the network's counselling centres as a public listing, which the offers finder shows as offers
 * so that nobody types them in twice. Nothing about reports or cases.
 */
export { type CounsellingCentre, counsellingCentres } from './network/find-network'
