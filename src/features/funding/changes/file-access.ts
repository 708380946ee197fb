import type { CanDownload } from '../../../platform/files'
import { whoOf } from '../../../platform/policy'
import { isReviewer, mayOnChange } from '../policies'
import { fundingWhoOf } from '../queries'
import { changeFileGrant } from './find-changes'

/** Attachments of change requests and notifications: reviewers and the recipient organisation's accounts. */
export const canDownloadChangeFile: CanDownload = async (requester, file, db) => {
  if (!requester.user) return false
  const who = await fundingWhoOf(db, whoOf(requester))
  const grant = await changeFileGrant(db, file.id)
  if (!grant) return isReviewer(who)
  return mayOnChange(who, 'read', grant)
}
