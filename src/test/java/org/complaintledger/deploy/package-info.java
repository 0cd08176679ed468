/**
 * The deployment files (Kubernetes manifests, kustomize overlays, compose) checked against the application they
 * deploy: the settings it reads, its port, its probes, and the architecture's promises. It exists so that a manifest
 * cannot drift from the code unnoticed.
 */
package org.complaintledger.deploy;
