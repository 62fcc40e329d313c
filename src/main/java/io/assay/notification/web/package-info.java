/** HTTP face of notifications: the organisation's webhook. */
@NullMarked
package io.assay.notification.web;

import org.jspecify.annotations.NullMarked;
